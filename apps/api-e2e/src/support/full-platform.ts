import { join, resolve } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { HealthCheck, nodeFlagsOf, ServiceNames, type ServiceName } from '@shipyard/contracts';
import { deleteResultBucket } from '@shipyard/shared/agent-runtime';
import { deleteJobStreams } from '@shipyard/shared/jetstream';
import { NatsRpcClient } from '@shipyard/shared/messaging';
import { freePort } from '@shipyard/shared/test-utils';
import {
  createTestDatabase,
  pollUntil,
  testNatsPrefix,
  uniqueId,
  type TestDatabase,
} from '@shipyard/shared/testing';
import { ApiClient } from './api-client';
import { privateDist, type PrivateDist } from './private-dist';
import { ServiceProcess } from './service-process';
import { createTenantKey } from './tenant-cli';

// Eleven Node processes booting at once on two cores: a generous deadline, met in a few seconds when idle.
const READY_TIMEOUT_MS = 90_000;
const RESTART_TIMEOUT_MS = 45_000;

export interface FullPlatformOptions {
  /**
   * JetStream AckWait of jobs, for agents and orchestrator alike (they must agree). Short, so that a job
   * whose worker was SIGKILLed is handed to the restarted worker within seconds, not the production 30 s.
   */
  jobAckWaitMs?: number;
  /**
   * OFFLINE_MODEL_LATENCY_MS of every agent: small, so runs finish quickly, but not zero, so a kill
   * lands while jobs are being worked on rather than between them.
   */
  offlineLatencyMs?: number;
  /** Per-service latency overrides (a slower developer makes "killed mid-job" easy to hit). */
  latencyByService?: Partial<Record<ServiceName, number>>;
  /** AGENT_CONCURRENCY of every agent. */
  agentConcurrency?: number;
  /** Extra variables for all seven agents (the model's settings, say), on top of the defaults. */
  agentEnv?: Record<string, string>;
  /** Extra variables per service, on top of the defaults and `agentEnv`. */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
}

/**
 * All eleven services as processes, for one spec file: gateway, project-service, run-orchestrator,
 * artifact-service and the seven agents, started from a private copy of dist/ on this file's own cloned
 * database, NATS subject prefix (hence its own JetStream streams and KV buckets), Redis key prefix and
 * free gateway port. Any service can be SIGKILLed and started again by name, like a crash in production.
 */
export class FullPlatform {
  private readonly processes = new Map<ServiceName, ServiceProcess>();
  /** How many times each service was started: names the incarnation in its instance id. */
  private readonly generations = new Map<ServiceName, number>();
  private readonly killed = new Set<ServiceName>();
  private readonly health: NatsRpcClient;

  private constructor(
    readonly api: ApiClient,
    readonly prefix: string,
    private readonly port: number,
    private readonly database: TestDatabase,
    private readonly dist: PrivateDist,
    private readonly nc: NatsConnection,
    private readonly env: Record<ServiceName, Record<string, string>>,
  ) {
    this.health = new NatsRpcClient({
      url: natsUrl(),
      subjectPrefix: prefix,
      timeoutMs: 1000,
      name: 'api-e2e-health',
    });
  }

  static async start(options: FullPlatformOptions = {}): Promise<FullPlatform> {
    const [database, dist, port, nc] = await Promise.all([
      createTestDatabase(),
      privateDist(),
      freePort(),
      connect({ servers: natsUrl() }),
    ]);
    const prefix = testNatsPrefix();
    // The artifact service's workspaces go beside the private dist/, so removing it removes them too.
    const scratch = resolve(dist.dir, '..');
    const shared: Record<string, string> = {
      NATS_URL: natsUrl(),
      NATS_SUBJECT_PREFIX: prefix,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `${uniqueId('runs-e2e')}:`,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    };
    const ackWait = String(options.jobAckWaitMs ?? 2000);
    const env = {} as Record<ServiceName, Record<string, string>>;
    for (const name of ServiceNames) {
      const own: Record<string, string> = { ...shared };
      if (name === 'gateway') {
        Object.assign(own, { GATEWAY_PORT: String(port), GATEWAY_REQUEST_TIMEOUT_MS: '10000' });
      } else if (name === 'project-service') {
        Object.assign(own, {
          DATABASE_URL: database.url,
          DATABASE_POOL_SIZE: '4',
          // The shortest the config allows: this file's run event streams in Redis expire on their own.
          RUN_EVENT_STREAM_TTL_SECONDS: '60',
        });
      } else if (name === 'run-orchestrator') {
        Object.assign(own, {
          DATABASE_URL: database.url,
          DATABASE_POOL_SIZE: '6',
          // A restarted orchestrator takes over the dead one's leases after ORCHESTRATOR_LEASE_MS; short,
          // so a crash costs the spec seconds. The tick must stay within a third of the lease.
          ORCHESTRATOR_LEASE_MS: '3000',
          ORCHESTRATOR_TICK_MS: '250',
          JOB_ACK_WAIT_MS: ackWait,
        });
      } else if (name === 'artifact-service') {
        Object.assign(own, { ARTIFACT_ROOT: join(scratch, 'workspaces') });
      } else {
        Object.assign(own, {
          JOB_ACK_WAIT_MS: ackWait,
          AGENT_CONCURRENCY: String(options.agentConcurrency ?? 2),
          OFFLINE_MODEL_LATENCY_MS: String(
            options.latencyByService?.[name] ?? options.offlineLatencyMs ?? 100,
          ),
          // A job a SIGTERM interrupts at teardown need not be waited for.
          AGENT_STOP_TIMEOUT_MS: '1000',
          ...options.agentEnv,
        });
      }
      env[name] = { ...own, ...options.env?.[name] };
    }
    const platform = new FullPlatform(
      new ApiClient(`http://127.0.0.1:${port}`),
      prefix,
      port,
      database,
      dist,
      nc,
      env,
    );
    try {
      await platform.health.connect();
      for (const name of ServiceNames) platform.spawn(name);
      await platform.waitHealthy(ServiceNames, READY_TIMEOUT_MS);
    } catch (error) {
      await platform.close();
      throw error;
    }
    return platform;
  }

  /** The current incarnation of a service (a new object after each restart). */
  service(name: ServiceName): ServiceProcess {
    const process = this.processes.get(name);
    if (!process) throw new Error(`${name} was never started`);
    return process;
  }

  /**
   * The id the current incarnation writes into what it produces: `agentId` of an agent's comments, the
   * lease owner of the orchestrator. Pinned per incarnation so a spec can tell whose work it sees.
   */
  instanceId(name: ServiceName): string {
    return `${name}-gen${this.generations.get(name) ?? 0}`;
  }

  /** SIGKILL, as a crash would: no shutdown hooks, no acks, no lease release. Resolves once it is gone. */
  async kill(name: ServiceName): Promise<void> {
    const process = this.service(name);
    const exited = process.exited();
    process.signal('SIGKILL');
    await exited;
    // Lets the ServiceProcess forget its child; a no-op for a process that has already exited.
    await process.stop();
    this.killed.add(name);
  }

  /** Starts a new incarnation of a service that was killed and waits until it answers its health subject. */
  async restart(name: ServiceName): Promise<void> {
    if (!this.killed.delete(name)) throw new Error(`${name} is still running; kill it first`);
    this.spawn(name);
    await this.waitHealthy([name], RESTART_TIMEOUT_MS);
  }

  /** A new tenant and its first API key, through the operators' CLI. */
  createTenant(name: string): Promise<string> {
    return createTenantKey(this.dist.dir, this.database.url, name);
  }

  /** The last output of every service, to attach to a failure so it explains itself. */
  diagnostics(names: readonly ServiceName[] = ServiceNames): string {
    return names
      .map((name) => `--- ${name} ---\n${this.processes.get(name)?.recentOutput.trim() || '(no output)'}`)
      .join('\n');
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.processes.values()].map((process) => process.stop()));
    await this.health.close().catch(() => undefined);
    // Streams and the result bucket are named from this file's prefix; left behind they would pile up on
    // the shared NATS server (the global setup only sweeps old ones).
    try {
      const jsm = await jetstreamManager(this.nc);
      await deleteJobStreams(jsm, { prefix: this.prefix });
      await deleteResultBucket(jsm, this.prefix);
    } finally {
      await this.nc.close();
      await Promise.allSettled([this.database.drop(), this.dist.remove()]);
    }
  }

  private spawn(name: ServiceName): void {
    const generation = (this.generations.get(name) ?? 0) + 1;
    this.generations.set(name, generation);
    const id = this.instanceId(name);
    const env = { ...this.env[name] };
    if (name.startsWith('agent-')) env.AGENT_INSTANCE_ID = id;
    if (name === 'run-orchestrator') env.ORCHESTRATOR_ID = id;
    const entry = join(this.dist.dir, 'apps', name, 'src', 'main.js');
    const process = new ServiceProcess(id, entry, env, nodeFlagsOf(name));
    this.processes.set(name, process);
    process.start();
  }

  /**
   * Until each service answers `health.v1.<service>` (the gateway: its HTTP readiness, which also needs
   * project-service). A service that exits meanwhile fails the wait at once, with its output.
   */
  private async waitHealthy(names: readonly ServiceName[], timeoutMs: number): Promise<void> {
    const pending = new Set(names);
    let outcome: { exited: ServiceName } | 'healthy';
    try {
      outcome = await pollUntil(
        async () => {
          // pollUntil takes a thrown error for "not yet"; a dead service is returned instead, to fail now.
          const dead = [...pending].find((name) => this.service(name).exitCode !== null);
          if (dead) return { exited: dead };
          const answered = await Promise.all(
            [...pending].map(async (name) => [name, await this.answers(name)] as const),
          );
          for (const [name, ok] of answered) if (ok) pending.delete(name);
          return pending.size === 0 && ('healthy' as const);
        },
        { timeoutMs, intervalMs: 200 },
      );
    } catch (error) {
      throw new Error(
        `not healthy: ${[...pending].join(', ')}: ${String(error)}\n${this.diagnostics([...pending])}`,
      );
    }
    if (outcome !== 'healthy') {
      const process = this.service(outcome.exited);
      throw new Error(`${outcome.exited} exited with code ${process.exitCode}:\n${process.recentOutput}`);
    }
  }

  private async answers(name: ServiceName): Promise<boolean> {
    if (name === 'gateway') {
      const res = await fetch(`http://127.0.0.1:${this.port}/health/ready`, {
        signal: AbortSignal.timeout(1000),
      }).catch(() => undefined);
      await res?.body?.cancel();
      return res?.status === 200;
    }
    return this.health.request<HealthCheck.Reply>(HealthCheck.subjectFor(name), {}, 1000).then(
      (reply) => reply.service === name,
      () => false,
    );
  }
}

function natsUrl(): string {
  return process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
}
