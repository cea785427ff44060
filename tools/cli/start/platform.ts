import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { ServiceName } from '@shipyard/contracts';
import { NatsRpcClient } from '@shipyard/shared/messaging';
import { checkInfrastructure, describeFailures, infrastructureTargets } from './infrastructure-check';
import { runMigrations } from './run-migrations';
import { planServices, type ReplicaCounts, type ServiceSpec } from './service-plan';
import type { StartConfig } from './start.config';
import { Supervisor, type RestartPolicy, type ServiceExit } from './supervisor';
import {
  answering,
  anyOf,
  httpHealthProbe,
  natsHealthProbe,
  waitForHealth,
  type HealthProbe,
} from './wait-for-health';

/** Startup refused for a reason a person can act on; the launcher prints its message without a stack. */
export class PlatformStartError extends Error {
  override readonly name = 'PlatformStartError';
}

export interface PlatformOptions {
  config: StartConfig;
  /** The build output (dist/), holding apps/<name>/src/main.js and tools/cli/migrate.js. */
  distDir: string;
  services: readonly ServiceName[];
  /** Processes per scalable service (`--replicas`); one of each otherwise. */
  replicas?: ReplicaCounts;
  /** The environment children inherit. */
  env: NodeJS.ProcessEnv;
  stdout: Writable;
  stderr: Writable;
  colour: boolean;
  /** Progress lines for a person ("migrations applied", "agent-qa is up"). */
  log: (line: string) => void;
  /** Aborting stops whatever startup step is in progress. */
  signal?: AbortSignal;
}

export interface RunningPlatform {
  specs: ServiceSpec[];
  supervisor: Supervisor;
  /**
   * Settles when a service dies on its own and is not brought back, naming it: during startup, or once up
   * when it keeps crashing (more than RESTART_LIMIT restarts a minute). Other crashes are restarted.
   */
  crashed: Promise<ServiceExit>;
  /** Stops every service; resolves with the processes that had to be SIGKILLed. */
  stop(): Promise<string[]>;
}

/** Refuses to go on unless PostgreSQL, NATS and Redis all answer, naming each one that does not. */
export async function assertInfrastructure(config: StartConfig): Promise<void> {
  const failures = describeFailures(await checkInfrastructure(infrastructureTargets(config)));
  if (failures !== '')
    throw new PlatformStartError(`The platform needs infrastructure that does not answer:\n${failures}`);
}

/** Runs `use` with a health probe over NATS, closing the connection afterwards whatever happens. */
async function withHealthProbe<T>(
  config: StartConfig,
  specs: ServiceSpec[],
  use: (probe: HealthProbe) => Promise<T>,
): Promise<T> {
  const client = new NatsRpcClient({
    url: config.NATS_URL,
    subjectPrefix: config.NATS_SUBJECT_PREFIX,
    timeoutMs: 1000,
    name: 'shipyard-start',
  });
  await client.connect();
  try {
    const gatewayUrl = specs.find((spec) => spec.name === 'gateway')?.healthUrl ?? undefined;
    const http = httpHealthProbe((name) => (name === 'gateway' ? gatewayUrl : undefined));
    return await use(anyOf(natsHealthProbe(client), http));
  } finally {
    await client.close();
  }
}

function specsFor(options: PlatformOptions): ServiceSpec[] {
  return planServices(options.distDir, options.config, options.services, options.replicas);
}

async function missingEntries(specs: ServiceSpec[]): Promise<ServiceSpec[]> {
  const checks = await Promise.all(
    specs.map((spec) =>
      access(spec.entry).then(
        () => undefined,
        () => spec,
      ),
    ),
  );
  return checks.filter((spec): spec is ServiceSpec => spec !== undefined);
}

/**
 * Brings the platform up: infrastructure answers, nothing of ours is already running, migrations applied,
 * every service spawned and answering its health subject. On any failure the services started so far are
 * stopped before the error leaves, so a failed start leaves no process behind.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  await assertInfrastructure(options.config);
  return withHealthProbe(options.config, specsFor(options), (health) => launch(options, health));
}

/**
 * For commands that need the platform (the demo): reuse it when every service already answers, start it
 * when none does, and refuse a half-running platform rather than start duplicates beside it.
 */
export async function ensurePlatform(options: PlatformOptions): Promise<RunningPlatform | 'already-running'> {
  await assertInfrastructure(options.config);
  return withHealthProbe(options.config, specsFor(options), async (health) => {
    const up = await answering(health, options.services);
    return up.length === options.services.length ? 'already-running' : launch(options, health);
  });
}

async function launch(options: PlatformOptions, health: HealthProbe): Promise<RunningPlatform> {
  const { config, log } = options;
  const specs = specsFor(options);

  const missing = await missingEntries(specs);
  if (missing.length > 0) {
    const list = missing.map((spec) => `  ${spec.name}: ${spec.entry}`).join('\n');
    throw new PlatformStartError(
      `These services are not built (is apps/<name>/src/main.ts there?):\n${list}`,
    );
  }

  const alreadyUp = await answering(health, options.services);
  if (alreadyUp.length > 0) {
    throw new PlatformStartError(
      `Already running (answering its health check): ${alreadyUp.join(', ')}. Stop those processes first (or use another NATS_SUBJECT_PREFIX).`,
    );
  }

  log('applying migrations');
  try {
    await runMigrations(join(options.distDir, 'tools', 'cli', 'migrate.js'), {
      env: options.env,
      prefix: 'migrate | ',
      stdout: options.stdout,
      stderr: options.stderr,
      signal: options.signal,
    });
  } catch (error) {
    throw new PlatformStartError(error instanceof Error ? error.message : String(error));
  }

  if (options.signal?.aborted)
    throw new PlatformStartError('startup was interrupted before any service started');
  const supervisor = new Supervisor({
    env: options.env,
    stdout: options.stdout,
    stderr: options.stderr,
    colour: options.colour,
  });
  const stop = (): Promise<string[]> => supervisor.stopAll(config.STOP_GRACE_MS);
  supervisor.start(specs);
  log(
    `started ${specs.length} service processes, waiting for each service to answer its health check (NATS health.v1.<service>; HTTP for the gateway)`,
  );

  const waiting = new AbortController();
  options.signal?.addEventListener('abort', () => waiting.abort(), { once: true });
  const outcome = await Promise.race([
    waitForHealth(health, options.services, {
      deadline: Date.now() + config.START_TIMEOUT_MS,
      signal: waiting.signal,
      onHealthy: (name) => log(`${name} is up`),
    }).then((pending) => ({ pending })),
    supervisor.crashed.then((exit) => ({ exit })),
  ]);
  waiting.abort();

  if ('exit' in outcome) {
    await stop();
    throw new PlatformStartError(
      `${outcome.exit.instance} exited during startup (${describeExit(outcome.exit)}); stopped the others`,
    );
  }
  if (outcome.pending.length > 0) {
    await stop();
    const why = options.signal?.aborted
      ? 'startup was interrupted'
      : `no health answer within ${config.START_TIMEOUT_MS} ms`;
    throw new PlatformStartError(`${why}: ${outcome.pending.join(', ')}; stopped all services`);
  }
  if (config.RESTART_LIMIT > 0) {
    supervisor.restartCrashed(restartPolicy(config.RESTART_LIMIT), ({ exit, attempt, delayMs }) =>
      log(
        `${exit.instance} exited unexpectedly (${describeExit(exit)}); starting it again in ${delayMs} ms (restart ${attempt} of at most ${config.RESTART_LIMIT} a minute)`,
      ),
    );
  }
  return { specs, supervisor, crashed: supervisor.crashed, stop };
}

/** Up to `limit` restarts of one process a minute, 1 s after the first crash, doubling up to 16 s. */
export function restartPolicy(limit: number): RestartPolicy {
  return { maxRestarts: limit, windowMs: 60_000, firstDelayMs: 1000, maxDelayMs: 16_000 };
}

export function describeExit(exit: Pick<ServiceExit, 'code' | 'signal'>): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}
