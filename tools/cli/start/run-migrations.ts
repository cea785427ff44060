import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { LinePrefixer } from './line-prefixer';

/**
 * Applies the database migrations by running the migrate CLI as a child process: the same code path as
 * `npm run migrate`, and its exit code is the whole answer. Resolves when it succeeds; rejects with a
 * readable reason when the CLI is missing or fails.
 */
export interface MigrationOptions {
  env: NodeJS.ProcessEnv;
  /** Put before each line of the CLI's output, so it reads like the services' logs. */
  prefix: string;
  stdout: Writable;
  stderr: Writable;
  signal?: AbortSignal;
}

export async function runMigrations(
  migrateEntry: string,
  { env, prefix, stdout, stderr, signal }: MigrationOptions,
): Promise<void> {
  try {
    await access(migrateEntry);
  } catch {
    throw new Error(
      `${migrateEntry} is missing: the migrate CLI (tools/cli/migrate.ts) was not built, so the schema cannot be applied`,
    );
  }
  const child = spawn(process.execPath, ['--enable-source-maps', migrateEntry], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    signal,
  });
  child.stdout.pipe(new LinePrefixer(prefix)).pipe(stdout, { end: false });
  child.stderr.pipe(new LinePrefixer(prefix)).pipe(stderr, { end: false });
  const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      // An abort (Ctrl-C while migrating) kills the child and surfaces here as an AbortError.
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
    },
  );
  if (outcome.code !== 0) {
    throw new Error(
      `migrations failed (${outcome.signal ? `killed by ${outcome.signal}` : `exit code ${outcome.code}`})`,
    );
  }
}
