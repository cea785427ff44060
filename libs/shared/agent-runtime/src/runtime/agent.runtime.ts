import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { AgentJob, DomainError, validateContract, type AgentRole } from '@shipyard/contracts';
import {
  JobWorker,
  type ConsumerHooks,
  type RetryBackoffPolicy,
  type StopReport,
} from '@shipyard/shared/jetstream';
import { createChatModel, PriceTable } from '@shipyard/shared/llm';
import { createLogger, redactUrl } from '@shipyard/shared/observability';
import type { AgentServiceConfig } from '../config/agent-service.config';
import type { AgentJobHandler } from '../handlers/agent-job.handler';
import { HandlerRegistry } from '../handlers/handler.registry';
import { KvResultStore } from '../results/kv-result.store';
import type { ResultStore } from '../results/result-store.port';
import { agentInstanceId } from './agent-id';
import { ensureAgentTopology } from './agent.topology';
import { AgentJobProcessor } from './agent-job.processor';
import type { ModelFactory } from './model.factory';
import { ResultPublisher } from './result.publisher';

export interface AgentRuntimeOptions {
  role: AgentRole;
  handlers: readonly AgentJobHandler[];
  config: AgentServiceConfig;
  logger?: Logger;
  /** Defaults to `createChatModel(jobModel, config.llm)`; tests wrap it to count or script calls. */
  modelFor?: ModelFactory;
  /** Prices jobs' calls against their allowances; defaults to `PriceTable.fromConfig(config.llm)`. */
  prices?: PriceTable;
  /** Defaults to the KV bucket of the config's prefix; tests may pass another store. */
  resultStore?: ResultStore;
  /** Observers of every delivery's outcome (metrics, tests). */
  hooks?: ConsumerHooks;
  /** Overrides JOB_RETRY_BASE_MS / JOB_RETRY_MAX_MS (tests use short delays). */
  retryBackoff?: RetryBackoffPolicy;
}

/**
 * What every agent service runs: its own NATS connection, the job topology ensured (idempotently) for its
 * role (see ensureAgentTopology), the result store, and a JobWorker on the role's consumer with AGENT_CONCURRENCY slots, each job
 * going through AgentJobProcessor. Framework-free, so the same class runs inside the Nest service
 * (bootstrapAgent) and directly in tests.
 */
export class AgentRuntime {
  readonly agentId: string;
  private readonly logger: Logger;
  private readonly registry: HandlerRegistry;
  private readonly prices: PriceTable;
  private nc: NatsConnection | undefined;
  private worker: JobWorker<AgentJob> | undefined;
  private state: 'new' | 'starting' | 'running' | 'stopping' | 'stopped' = 'new';

  constructor(private readonly o: AgentRuntimeOptions) {
    // Wiring is checked here, before anything connects: a role without a handler for one of its kinds
    // must not start.
    this.registry = new HandlerRegistry(o.role, o.handlers);
    // The orchestrator's ledger prices with the same LLM settings, so both agree on what an allowance has left.
    this.prices = o.prices ?? PriceTable.fromConfig(o.config.llm);
    this.agentId = agentInstanceId(o.role, o.config.AGENT_INSTANCE_ID);
    this.logger = (
      o.logger ??
      createLogger({ service: `agent-${o.role}`, level: o.config.LOG_LEVEL, format: o.config.LOG_FORMAT })
    ).child({ agentId: this.agentId });
  }

  get isRunning(): boolean {
    return this.state === 'running' && (this.worker?.isRunning ?? false);
  }

  /** Connects, ensures the topology and the result bucket, and starts pulling. One start per instance. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new DomainError('CONFLICT', `Agent runtime already ${this.state}`);
    this.state = 'starting';
    const { config } = this.o;
    try {
      this.nc = await connect({
        servers: config.NATS_URL,
        name: this.agentId,
        // The client otherwise records a stack per request: measurable on the hot path, useless here.
        noAsyncTraces: true,
      });
      const js = jetstream(this.nc);
      const jsm = await jetstreamManager(this.nc);
      const { stream, consumer } = await ensureAgentTopology(jsm, {
        prefix: config.NATS_SUBJECT_PREFIX,
        role: this.o.role,
        ackWaitMs: config.JOB_ACK_WAIT_MS,
        maxAttempts: config.JOB_MAX_DELIVER,
        logger: this.logger,
      });
      const store =
        this.o.resultStore ??
        (await KvResultStore.open(js, {
          prefix: config.NATS_SUBJECT_PREFIX,
          ttlMs: config.AGENT_RESULT_TTL_MS,
        }));
      const publisher = new ResultPublisher(js, { prefix: config.NATS_SUBJECT_PREFIX });
      const processor = new AgentJobProcessor({
        role: this.o.role,
        agentId: this.agentId,
        registry: this.registry,
        store,
        publish: (result) => publisher.publish(result),
        modelFor: this.o.modelFor ?? ((model) => createChatModel(model, config.llm, { logger: this.logger })),
        maxCompletionTokens: config.AGENT_MAX_COMPLETION_TOKENS,
        prices: this.prices,
        // Headroom under max_payload for the headers and the KV entry's own framing.
        maxResultBytes: Math.min(
          config.AGENT_MAX_RESULT_BYTES,
          (this.nc.info?.max_payload ?? Infinity) - 16_384,
        ),
        logger: this.logger,
      });
      this.worker = new JobWorker<AgentJob>(js, { prefix: config.NATS_SUBJECT_PREFIX, logger: this.logger });
      await this.worker.start({
        stream,
        consumer,
        validate: (input) => validateContract(AgentJob, input),
        handler: (context) => processor.process(context),
        concurrency: config.AGENT_CONCURRENCY,
        retryBackoff: this.o.retryBackoff ?? {
          baseMs: config.JOB_RETRY_BASE_MS,
          maxMs: config.JOB_RETRY_MAX_MS,
          jitter: 0.2,
        },
        ...(this.o.hooks ? { hooks: this.o.hooks } : {}),
      });
      this.state = 'running';
      this.logger.info(
        {
          nats: redactUrl(config.NATS_URL),
          stream,
          consumer,
          concurrency: config.AGENT_CONCURRENCY,
          ackWaitMs: config.JOB_ACK_WAIT_MS,
          maxAttempts: config.JOB_MAX_DELIVER,
        },
        'agent runtime pulling jobs',
      );
    } catch (error) {
      await this.release();
      this.state = 'stopped';
      throw error;
    }
  }

  /**
   * Stops pulling, lets running jobs finish for up to AGENT_STOP_TIMEOUT_MS, then abandons the rest: they
   * are not acked, so JetStream hands them to another instance after AckWait (and a result one of them
   * stored meanwhile is re-published there, not redone). Idempotent.
   */
  async stop(): Promise<StopReport> {
    if (this.state === 'stopped' || this.state === 'new') {
      this.state = 'stopped';
      return { drained: true, abandoned: 0 };
    }
    this.state = 'stopping';
    const report = (await this.worker?.stop({ timeoutMs: this.o.config.AGENT_STOP_TIMEOUT_MS })) ?? {
      drained: true,
      abandoned: 0,
    };
    await this.release();
    this.state = 'stopped';
    this.logger.info(report, 'agent runtime stopped');
    return report;
  }

  private async release(): Promise<void> {
    const nc = this.nc;
    this.nc = undefined;
    if (!nc || nc.isClosed()) return;
    try {
      await nc.drain();
    } catch (error) {
      this.logger.warn({ err: error }, 'agent runtime: NATS drain failed; closing');
      await nc.close().catch(() => undefined);
    }
  }
}
