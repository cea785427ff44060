/**
 * Real: processes and signals. A stand-in launcher (a small script) starts a stand-in service with or
 * without the guard and is then SIGKILLed, as `npm start` could be; the service records its SIGTERM in a file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pollUntil } from '@shipyard/shared/testing';
import { orphanGuardArgs } from './orphan-guard';

const SERVICE = `
import { writeFileSync } from 'node:fs';
process.on('SIGTERM', () => { writeFileSync(process.argv[2], 'stopped on SIGTERM'); process.exit(0); });
writeFileSync(process.argv[2] + '.ready', 'ready');
setInterval(() => {}, 1000);
`;
const LAUNCHER = `
import { spawn } from 'node:child_process';
const [guard, service, marker] = process.argv.slice(2);
const env = { ...process.env, SHIPYARD_LAUNCHER_PID: String(process.pid) };
const child = spawn(process.execPath, [...JSON.parse(guard), service, marker], { stdio: 'ignore', env });
console.log(child.pid);
setInterval(() => {}, 1000);
`;

/**
 * Running, from /proc: an orphan that exited is re-parented to PID 1, which on some machines (containers
 * whose PID 1 is not an init) never reaps it, so a signal-0 probe would still find the zombie.
 */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('orphan guard', () => {
  let dir: string;
  const leftovers: number[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orphan-guard-'));
    await writeFile(join(dir, 'service.mjs'), SERVICE);
    await writeFile(join(dir, 'launcher.mjs'), LAUNCHER);
  });

  afterAll(async () => {
    for (const pid of leftovers) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  /** Starts the launcher, which starts the service; resolves with both once the service's pid is known. */
  async function launch(
    guard: string[],
    marker: string,
  ): Promise<{ launcher: ChildProcess; service: number }> {
    const launcher = spawn(
      process.execPath,
      [join(dir, 'launcher.mjs'), JSON.stringify(guard), join(dir, 'service.mjs'), marker],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    launcher.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const service = await pollUntil(() => /^\d+\n/.test(output) && Number(output.trim()), {
      timeoutMs: 10_000,
    });
    leftovers.push(service);
    // Its SIGTERM handler is in place: the launcher dies while the service runs, not while it boots.
    await pollUntil(() => existsSync(`${marker}.ready`), { timeoutMs: 10_000 });
    return { launcher, service };
  }

  it('stops a service with SIGTERM once the launcher that started it is SIGKILLed', async () => {
    const marker = join(dir, 'guarded');
    const { launcher, service } = await launch(orphanGuardArgs(), marker);
    launcher.kill('SIGKILL');
    await pollUntil(() => existsSync(marker) && !alive(service), { timeoutMs: 10_000 });
  });

  it('is what stops it: without the guard the orphan lives on', async () => {
    const marker = join(dir, 'unguarded');
    const { launcher, service } = await launch([], marker);
    launcher.kill('SIGKILL');
    // Three of the guard's checks would have passed by now.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(alive(service)).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });
});
