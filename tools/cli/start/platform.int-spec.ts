/**
 * Real: PostgreSQL, NATS and Redis probes; the compiled agent services from dist/ (npm test builds them
 * first) as child processes; health over NATS under a subject prefix of this file's own.
 * Faked: the migrate CLI (a script that succeeds or fails on demand), so this file never touches a schema;
 * the services are reached through a scratch dist/ whose entries are symlinks to the real build.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import type { ServiceName } from '@shipyard/contracts';
import { parseConfig } from '@shipyard/shared/config';
import { pollUntil, testNatsPrefix } from '@shipyard/shared/testing';
import { ensurePlatform, PlatformStartError, startPlatform, type PlatformOptions } from './platform';
import { StartConfig } from './start.config';

const realDist = resolve('dist');
const services: ServiceName[] = ['agent-pm', 'agent-qa'];

describe('startPlatform', () => {
  let scratch: string;
  let output: string;
  const prefix = testNatsPrefix();
  // A random block of health ports, so parallel runs of this file do not collide.
  const healthBase = 20_000 + Math.floor(Math.random() * 20_000);

  async function writeMigrate(exitCode: number): Promise<void> {
    const path = join(scratch, 'tools', 'cli', 'migrate.js');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `console.log('fake migrate, exit ${exitCode}'); process.exit(${exitCode});\n`);
  }

  function options(overrides: Record<string, string> = {}, only: ServiceName[] = services): PlatformOptions {
    const env = {
      ...process.env,
      NATS_SUBJECT_PREFIX: prefix,
      HEALTH_PORT_BASE: String(healthBase),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      START_TIMEOUT_MS: '30000',
      STOP_GRACE_MS: '5000',
      ...overrides,
    };
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return {
      config: parseConfig(StartConfig, env),
      distDir: scratch,
      services: only,
      env,
      stdout: out,
      stderr: out,
      colour: false,
      log: (line) => (output += `start | ${line}\n`),
    };
  }

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'platform-'));
    for (const name of services) {
      const entry = join(scratch, 'apps', name, 'src', 'main.js');
      await mkdir(dirname(entry), { recursive: true });
      // Node resolves a symlinked entry's imports from its real path, so the real build runs unchanged.
      await symlink(join(realDist, 'apps', name, 'src', 'main.js'), entry);
    }
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  beforeEach(() => {
    output = '';
  });

  it('migrates, starts the services, sees them answer, reuses them, and stops them', async () => {
    await writeMigrate(0);
    const platform = await startPlatform(options());
    try {
      expect(output).toContain('fake migrate, exit 0');
      expect(output).toContain('start | agent-pm is up');
      expect(output).toContain('start | agent-qa is up');
      // A service answers NATS health a moment before it logs "ready" (its HTTP port opens last).
      await pollUntil(() => /agent-qa \| .*agent-qa ready/.test(output), { timeoutMs: 10_000 });
      for (const name of services) expect(platform.supervisor.pidOf(name)).toEqual(expect.any(Number));

      await expect(ensurePlatform(options())).resolves.toBe('already-running');
      await expect(startPlatform(options())).rejects.toThrow(/Already running .*agent-pm, agent-qa/);
    } finally {
      expect(await platform.stop()).toEqual([]);
    }
    // Stopped means gone: a new start finds nothing running.
    const again = await startPlatform(options({}, ['agent-pm']));
    await again.stop();
  });

  it('runs further replicas, and starts a service killed after startup again', async () => {
    await writeMigrate(0);
    const platform = await startPlatform({ ...options({}, ['agent-qa']), replicas: { 'agent-qa': 2 } });
    try {
      const ready = (instance: string) =>
        (output.match(new RegExp(`${instance} +\\| .*agent-qa ready`, 'g')) ?? []).length;
      await pollUntil(() => ready('agent-qa') === 1 && ready('agent-qa#2') === 1, { timeoutMs: 20_000 });
      const [first, second] = [
        platform.supervisor.pidOf('agent-qa'),
        platform.supervisor.pidOf('agent-qa#2'),
      ];
      expect(second).not.toBe(first);

      platform.supervisor.kill('agent-qa#2', 'SIGKILL');
      await pollUntil(() => ready('agent-qa#2') === 2, { timeoutMs: 20_000 });
      expect(output).toContain(
        'start | agent-qa#2 exited unexpectedly (killed by SIGKILL); starting it again in 1000 ms (restart 1 of at most 5 a minute)',
      );
      expect(platform.supervisor.pidOf('agent-qa#2')).not.toBe(second);
      expect(platform.supervisor.pidOf('agent-qa')).toBe(first);
    } finally {
      expect(await platform.stop()).toEqual([]);
    }
  });

  it('refuses to start when the migration fails, and starts nothing', async () => {
    await writeMigrate(3);
    const error = await startPlatform(options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformStartError);
    expect((error as Error).message).toBe('migrations failed (exit code 3)');
    expect(output).not.toContain('is up');
  });

  it('names the services that are not built', async () => {
    await writeMigrate(0);
    await expect(startPlatform(options({}, ['agent-pm', 'agent-docs']))).rejects.toThrow(
      /not built[\s\S]*agent-docs: .*apps\/agent-docs\/src\/main\.js/,
    );
  });

  it('names the infrastructure that does not answer and how to start it', async () => {
    await writeMigrate(0);
    const error = await startPlatform(options({ REDIS_URL: 'redis://127.0.0.1:1' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformStartError);
    const message = (error as Error).message;
    expect(message).toContain('Redis does not answer at redis://127.0.0.1:1');
    expect(message).toContain('Start it with: redis-server');
    expect(message).not.toContain('PostgreSQL does not answer');
    expect(message).not.toContain('NATS does not answer');
  });
});
