import { spawn } from 'node:child_process';

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Thrown when git fails in a way the caller did not expect; carries git's own words. */
export class GitError extends Error {
  override readonly name = 'GitError';
}

/**
 * Runs git against one repository with a clean, fixed environment: no user or system config (a developer's
 * hooks, signing or aliases must not change what the service writes), no prompts, a fixed identity.
 */
export async function git(
  gitDir: string,
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string>; allowFailure?: boolean } = {},
): Promise<GitResult> {
  const child = spawn('git', ['--git-dir', gitDir, ...args], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: 'Shipyard',
      GIT_AUTHOR_EMAIL: 'artifacts@shipyard.invalid',
      GIT_COMMITTER_NAME: 'Shipyard',
      GIT_COMMITTER_EMAIL: 'artifacts@shipyard.invalid',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input ?? '');
  const code = await exited;
  const result = { code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') };
  if (code !== 0 && !options.allowFailure) {
    throw new GitError(`git ${args[0] ?? ''} failed (${code}): ${result.stderr.trim().slice(0, 500)}`);
  }
  return result;
}
