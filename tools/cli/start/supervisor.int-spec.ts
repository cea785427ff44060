/**
 * Real: child processes (node running small scripts written to a temp directory), signals and exit codes.
 * Faked: the services themselves; the scripts stand in for a service that stops on SIGTERM, one that
 * ignores it, and one that dies on its own.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { ServiceName } from '@shipyard/contracts';
import { pollUntil } from '@shipyard/shared/testing';
import type { ServiceSpec } from './service-plan';
import { Supervisor } from './supervisor';

const SCRIPTS = {
  // Says it is ready, then stays until SIGTERM, as a Nest service with shutdown hooks does.
  // The handler goes in before the line that says ready: the test signals as soon as it reads that line.
  polite: `process.on('SIGTERM', () => process.exit(0)); console.log('ready as ' + process.env.SERVICE_ROLE); setInterval(() => {}, 1000);`,
  // Ignores SIGTERM: only SIGKILL stops it.
  stubborn: `process.on('SIGTERM', () => console.log('ignoring SIGTERM')); console.log('ready'); setInterval(() => {}, 1000);`,
  // Prints the V8 flags it was started with, then stays like `polite`.
  flags: `process.on('SIGTERM', () => process.exit(0)); console.log('flags ' + process.execArgv.join(' ')); setInterval(() => {}, 1000);`,
  // Dies with code 3 shortly after starting, standing in for a crash.
  crashing: `console.error('about to fail'); setTimeout(() => process.exit(3), 50);`,
  // Prints its pid, then stays like \`polite\`: tells one incarnation from the next.
  pid: `process.on('SIGTERM', () => process.exit(0)); console.log('pid ' + process.pid); setInterval(() => {}, 1000);`,
};

const WAIT = { timeoutMs: 10_000 };

describe('Supervisor', () => {
  let dir: string;
  let output: string;
  let stdout: PassThrough;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'supervisor-'));
    for (const [name, code] of Object.entries(SCRIPTS)) await writeFile(join(dir, `${name}.js`), code);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    output = '';
    stdout = new PassThrough();
    stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });

  const spec = (
    name: ServiceName,
    script: keyof typeof SCRIPTS,
    env: Record<string, string> = {},
    nodeFlags: string[] = [],
  ): ServiceSpec => ({
    name,
    replica: 1,
    entry: join(dir, `${script}.js`),
    nodeFlags,
    env,
    healthUrl: 'unused',
  });

  it('prefixes each child output line with its name and passes its env on top of the common one', async () => {
    const supervisor = new Supervisor({
      env: { ...process.env, SERVICE_ROLE: 'common' },
      stdout,
      stderr: stdout,
      colour: false,
    });
    supervisor.start([spec('agent-pm', 'polite', { SERVICE_ROLE: 'pm' }), spec('agent-qa', 'polite')]);
    await pollUntil(
      () => output.includes('agent-pm | ready as pm') && output.includes('agent-qa | ready as common'),
      {
        timeoutMs: 10_000,
      },
    );
    expect(await supervisor.stopAll(5000)).toEqual([]);
  });

  it("starts a child with its service's node flags", async () => {
    const supervisor = new Supervisor({ env: process.env, stdout, stderr: stdout, colour: false });
    supervisor.start([spec('run-orchestrator', 'flags', {}, ['--max-semi-space-size=16'])]);
    await pollUntil(() => output.includes('run-orchestrator | flags'), { timeoutMs: 10_000 });
    expect(output).toContain('flags --enable-source-maps --max-semi-space-size=16');
    expect(await supervisor.stopAll(5000)).toEqual([]);
  });

  it('reports the first child that dies on its own, with its exit code', async () => {
    const supervisor = new Supervisor({ env: process.env, stdout, stderr: stdout, colour: false });
    supervisor.start([spec('agent-pm', 'polite'), spec('agent-docs', 'crashing')]);
    await expect(supervisor.crashed).resolves.toEqual({
      name: 'agent-docs',
      instance: 'agent-docs',
      code: 3,
      signal: null,
    });
    expect(output).toContain('agent-docs | about to fail');
    await supervisor.stopAll(5000);
  });

  it('reports a child killed from outside', async () => {
    const supervisor = new Supervisor({ env: process.env, stdout, stderr: stdout, colour: false });
    supervisor.start([spec('agent-lead', 'polite')]);
    await pollUntil(() => output.includes('ready'), { timeoutMs: 10_000 });
    supervisor.kill('agent-lead', 'SIGKILL');
    await expect(supervisor.crashed).resolves.toEqual({
      name: 'agent-lead',
      instance: 'agent-lead',
      code: null,
      signal: 'SIGKILL',
    });
  });

  it('once restarts are on, starts a killed child again, and names its replicas apart', async () => {
    const supervisor = new Supervisor({ env: process.env, stdout, stderr: stdout, colour: false });
    supervisor.start([spec('agent-qa', 'pid'), { ...spec('agent-qa', 'pid'), replica: 2 }]);
    await pollUntil(() => (output.match(/pid \d+/g) ?? []).length === 2, { timeoutMs: 10_000 });
    const notices: string[] = [];
    supervisor.restartCrashed(
      { maxRestarts: 3, windowMs: 60_000, firstDelayMs: 10, maxDelayMs: 100 },
      ({ exit, attempt, delayMs }) => notices.push(`${exit.instance} ${exit.signal} ${attempt} ${delayMs}`),
    );
    const first = supervisor.pidOf('agent-qa#2');
    expect(output).toContain(`agent-qa#2 | pid ${first}`);

    supervisor.kill('agent-qa#2', 'SIGKILL');
    const second = await pollUntil(() => {
      const pid = supervisor.pidOf('agent-qa#2');
      return pid !== first && output.includes(`agent-qa#2 | pid ${pid}`) && pid;
    }, WAIT);
    supervisor.kill('agent-qa#2', 'SIGKILL');
    await pollUntil(() => {
      const pid = supervisor.pidOf('agent-qa#2');
      return pid !== second && output.includes(`agent-qa#2 | pid ${pid}`);
    }, WAIT);
    // The delay doubles with each restart inside the window; the other replica was never touched.
    expect(notices).toEqual(['agent-qa#2 SIGKILL 1 10', 'agent-qa#2 SIGKILL 2 20']);
    expect(output.match(/agent-qa +\| pid/g)).toHaveLength(1);
    let crashed = false;
    void supervisor.crashed.then(() => (crashed = true));
    expect(await supervisor.stopAll(5000)).toEqual([]);
    await Promise.resolve();
    expect(crashed).toBe(false);
  });

  it('gives up on a child that keeps crashing, and reports it then', async () => {
    const supervisor = new Supervisor({ env: process.env, stdout, stderr: stdout, colour: false });
    const notices: number[] = [];
    supervisor.restartCrashed(
      { maxRestarts: 2, windowMs: 60_000, firstDelayMs: 10, maxDelayMs: 100 },
      ({ attempt }) => notices.push(attempt),
    );
    supervisor.start([spec('agent-docs', 'crashing')]);
    await expect(supervisor.crashed).resolves.toMatchObject({ instance: 'agent-docs', code: 3 });
    expect(notices).toEqual([1, 2]);
    expect(output.match(/about to fail/g)).toHaveLength(3);
    await supervisor.stopAll(5000);
  });

  it('drops a restart still waiting for its delay when everything stops', async () => {
    const supervisor = new Supervisor({ env: process.env, stdout, stderr: stdout, colour: false });
    supervisor.start([spec('agent-devops', 'pid')]);
    await pollUntil(() => output.includes('agent-devops | pid'), { timeoutMs: 10_000 });
    let restarted = 0;
    supervisor.restartCrashed(
      { maxRestarts: 3, windowMs: 60_000, firstDelayMs: 200, maxDelayMs: 200 },
      () => (restarted += 1),
    );
    supervisor.kill('agent-devops', 'SIGKILL');
    await pollUntil(() => restarted === 1, { timeoutMs: 10_000 });
    expect(await supervisor.stopAll(5000)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(output.match(/agent-devops \| pid/g)).toHaveLength(1);
  });

  it('stops politely with SIGTERM, SIGKILLs whoever ignores it after the grace period, and reports no crash', async () => {
    const supervisor = new Supervisor({ env: process.env, stdout, stderr: stdout, colour: false });
    supervisor.start([spec('agent-pm', 'polite'), spec('agent-security', 'stubborn')]);
    await pollUntil(() => (output.match(/ready/g) ?? []).length === 2, { timeoutMs: 10_000 });
    let crashed = false;
    void supervisor.crashed.then(() => (crashed = true));

    expect(await supervisor.stopAll(300)).toEqual(['agent-security']);
    expect(output).toContain('agent-security | ignoring SIGTERM');
    await Promise.resolve();
    expect(crashed).toBe(false);
  });
});
