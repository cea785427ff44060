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
};

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
    await expect(supervisor.crashed).resolves.toEqual({ name: 'agent-docs', code: 3, signal: null });
    expect(output).toContain('agent-docs | about to fail');
    await supervisor.stopAll(5000);
  });

  it('reports a child killed from outside', async () => {
    const supervisor = new Supervisor({ env: process.env, stdout, stderr: stdout, colour: false });
    supervisor.start([spec('agent-lead', 'polite')]);
    await pollUntil(() => output.includes('ready'), { timeoutMs: 10_000 });
    supervisor.kill('agent-lead', 'SIGKILL');
    await expect(supervisor.crashed).resolves.toEqual({ name: 'agent-lead', code: null, signal: 'SIGKILL' });
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
