import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NODE, REPO_ROOT } from './private-dist';

const run = promisify(execFile);

/**
 * A new tenant's first API key, through the same CLI an operator uses (`npm run tenant:create`), from the
 * spec file's private dist/ and against its own database.
 */
export async function createTenantKey(distDir: string, databaseUrl: string, name: string): Promise<string> {
  const { stdout } = await run(NODE, [join(distDir, 'tools/cli/tenant-create.js'), '--name', name], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  });
  const key = stdout.trim().split('\n').at(-1)?.trim();
  if (!key) throw new Error(`tenant-create printed no key:\n${stdout}`);
  return key;
}
