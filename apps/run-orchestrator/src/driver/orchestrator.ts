import { hostname } from 'node:os';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { AgentResult, resultSubject, RunControlChanged, validateContract } from '@shipyard/contracts';
import {
  DeadLetterConsumer,
  ensureJobStreams,
  JobPublisher,
  MaxDeliveriesSweeper,
  ResultConsumer,
  RetryLaterError,
  type DeadLetterEnvelope,
  type JobTopology,
  type MessageContext,
} from '@shipyard/shared/jetstream';
import type { PriceTable } from '@shipyard/shared/llm';
import { CommentWriter } from '../adapters/comment-writer';
import { JobInputResolver } from '../adapters/job-input-resolver';
import { JetStreamJobSender } from '../adapters/job-sender';
import { OutboxJobDispatcher } from '../adapters/outbox-job-dispatcher';
import { PgArtifactStore } from '../adapters/pg-artifact-store';
import { PgEventSink } from '../adapters/pg-event-sink';
import { PgLedger } from '../adapters/pg-ledger';
import { PgReportSink } from '../adapters/pg-report-sink';
import { PgRunControl } from '../adapters/pg-run-control';
import { PgTaskStore } from '../adapters/pg-task-store';
import { SystemClock } from '../adapters/system-clock';
import type { RunOrchestratorConfig } from '../config.schema';
import { PgDatabase } from '../db/pg-database';
import { WriteBehindSaver } from '../db/write-behind.saver';
import { buildRunGraph } from '../graph';
import { installLeanRunContext } from '../graph/lean-run-context';
import type { Clock } from '../ports/clock.port';
import { CheckpointRetention } from './checkpoint-retention';
import { ControlWatcher } from './control-watcher';
import { deadLetterAction, REVIVED_HEADER } from './dead-letter-result';
import { DeadLetterEnvelopeContract } from './dead-letter-envelope.contract';
import { OutboxRelay } from './outbox-relay';
import { RunExecutor, type DeliveryOutcome } from './run-executor';
import { RunLeaseRepository } from './run-lease.repository';

/**
 * A forwarded result is the same message again: it keeps its own headers (request id, trace context, a
 * revival mark), all but JetStream's, which belong to each publish.
 */
function carriedHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !/^nats-/i.test(name)));
}

/** Header counting how often a result was handed on because another orchestrator owned its run. */
const FORWARDS_HEADER = 'shipyard-forwards';
const MAX_FORWARDS = 20;

export interface OrchestratorOptions {
  config: RunOrchestratorConfig;
  prices: PriceTable;
  logger: Logger;
  /** Tests inject a clock to move the deadline; production uses the system clock. */
  clock?: Clock;
}

/**
 * The running service without Nest around it (main.ts wraps it in a module; int-specs start it directly):
 * PostgreSQL pool and checkpointer, JetStream topology, the ports, the graph, the result and dead-letter
 * consumers, the control subscription and the tick (lease renewal, claiming, control poll, outbox relay).
 */
export class Orchestrator {
  private tickTimer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private controlSub: Subscription | null = null;
  private stopped = false;

  private constructor(
    readonly owner: string,
    private readonly options: OrchestratorOptions,
    private readonly db: PgDatabase,
    private readonly nc: NatsConnection,
    readonly topology: JobTopology,
    private readonly executor: RunExecutor,
    private readonly leases: RunLeaseRepository,
    private readonly relay: OutboxRelay,
    private readonly control: ControlWatcher,
    private readonly publisher: JobPublisher,
    private readonly results: ResultConsumer<AgentResult>,
    private readonly deadLetters: DeadLetterConsumer<DeadLetterEnvelope>,
    private readonly sweeper: MaxDeliveriesSweeper,
    private readonly retention: CheckpointRetention,
  ) {}

  static async start(options: OrchestratorOptions): Promise<Orchestrator> {
    const { config, logger } = options;
    // Before the first graph runs: LangGraph's per-node context without LangSmith bookkeeping (see there).
    installLeanRunContext();
    const owner = config.ORCHESTRATOR_ID ?? `${hostname()}:${process.pid}`;
    const db = new PgDatabase(config.DATABASE_URL, config.DATABASE_POOL_SIZE, (error) =>
      logger.warn({ err: error }, 'idle database connection failed'),
    );
    const nc = await connect({
      servers: config.NATS_URL,
      name: `run-orchestrator:${owner}`,
      noAsyncTraces: true,
    });
    const prefix = config.NATS_SUBJECT_PREFIX;
    const js = jetstream(nc);
    const topology = await ensureJobStreams(await jetstreamManager(nc), {
      prefix,
      ackWaitMs: config.JOB_ACK_WAIT_MS,
      maxAttempts: config.JOB_MAX_ATTEMPTS,
    });
    const publisher = new JobPublisher(js, { prefix });
    const sender = new JetStreamJobSender(publisher);
    const artifacts = new PgArtifactStore(db);
    const resolver = new JobInputResolver(artifacts, {
      maxFiles: config.JOB_INPUT_MAX_FILES,
      maxFileChars: config.JOB_INPUT_MAX_FILE_CHARS,
      maxTotalChars: config.JOB_INPUT_MAX_TOTAL_CHARS,
    });
    const clock = options.clock ?? new SystemClock();
    const checkpointer = new WriteBehindSaver(db);
    const ledger = new PgLedger(db, options.prices, {
      promptTokens: config.ORCHESTRATOR_ESTIMATE_PROMPT_TOKENS,
      completionTokens: config.ORCHESTRATOR_ESTIMATE_COMPLETION_TOKENS,
      allowanceFactor: config.ORCHESTRATOR_ALLOWANCE_FACTOR,
    });
    const tasks = new PgTaskStore(db);
    const graph = buildRunGraph(
      {
        dispatcher: new OutboxJobDispatcher(db, resolver, sender, logger),
        tasks,
        ledger,
        control: new PgRunControl(db),
        clock,
        events: new PgEventSink(db),
        reports: new PgReportSink(db),
        artifacts,
      },
      // The checkpoint tables come from our migrations: never saver.setup().
      { checkpointer },
    );
    const leases = new RunLeaseRepository(db, owner, config.ORCHESTRATOR_LEASE_MS);
    const relay = new OutboxRelay(db, sender, owner, config.ORCHESTRATOR_REPUBLISH_AFTER_MS, logger);
    const executor = new RunExecutor(
      graph,
      checkpointer,
      {
        prefetch: (result) => {
          ledger.prefetch(result);
          if (result.taskId !== undefined) tasks.prefetch(result, result.taskId);
        },
      },
      db,
      leases,
      relay,
      new CommentWriter(db),
      clock,
      logger,
    );
    const control = new ControlWatcher(db, owner);
    const orchestrator = new Orchestrator(
      owner,
      options,
      db,
      nc,
      topology,
      executor,
      leases,
      relay,
      control,
      publisher,
      new ResultConsumer<AgentResult>(js, { prefix, logger }),
      new DeadLetterConsumer<DeadLetterEnvelope>(js, { prefix, logger }),
      new MaxDeliveriesSweeper(nc, await jetstreamManager(nc), {
        prefix,
        streams: [topology.streams.jobs, topology.streams.results],
        logger,
      }),
      new CheckpointRetention(db, {
        retentionHours: config.CHECKPOINT_RETENTION_HOURS,
        intervalMs: config.CHECKPOINT_PRUNE_INTERVAL_MS,
        batch: config.CHECKPOINT_PRUNE_BATCH,
      }),
    );
    await orchestrator.begin();
    return orchestrator;
  }

  private async begin(): Promise<void> {
    const { config, logger } = this.options;
    this.controlSub = this.nc.subscribe(`${config.NATS_SUBJECT_PREFIX}${RunControlChanged.Subject}`, {
      callback: (error, msg) => {
        if (error) return;
        let body: RunControlChanged.Body;
        try {
          body = validateContract(RunControlChanged.Body, msg.json());
        } catch {
          logger.warn('invalid control-changed notification ignored');
          return;
        }
        this.onControlChanged(body.runId).catch((e: unknown) =>
          logger.warn({ err: e, runId: body.runId }, 'control wake failed; the poll retries'),
        );
      },
    });
    await this.sweeper.start();
    await this.results.start({
      stream: this.topology.streams.results,
      consumer: this.topology.consumers.results,
      validate: (input) => validateContract(AgentResult, input),
      handler: (ctx) => this.onResult(ctx),
      concurrency: config.ORCHESTRATOR_RESULT_CONCURRENCY,
      retryBackoff: { baseMs: 200, maxMs: 5000, jitter: 0.2 },
    });
    await this.deadLetters.start({
      stream: this.topology.streams.deadLetters,
      consumer: this.topology.consumers.deadLetters,
      validate: (input) => validateContract(DeadLetterEnvelopeContract, input),
      handler: (ctx) => this.onDeadLetter(ctx),
      concurrency: 4,
      retryBackoff: { baseMs: 500, maxMs: 10_000, jitter: 0.2 },
    });
    await this.tick();
    this.tickTimer = setInterval(() => void this.tick(), config.ORCHESTRATOR_TICK_MS);
  }

  /** Runs driven here right now (tests and health). */
  ownedRunIds(): string[] {
    return this.executor.ownedRunIds();
  }

  /**
   * Applies one result as the results consumer would (after validation). Exposed for the result path's
   * callers other than JetStream: specs hand-deliver a result, e.g. one arriving after a stop.
   */
  applyResult(result: AgentResult): Promise<DeliveryOutcome> {
    return this.executor.deliver(validateContract(AgentResult, result));
  }

  /** Graceful stop: no new work, steps under way finish, leases handed back at once for another replica. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.tickTimer) clearInterval(this.tickTimer);
    await this.ticking;
    this.controlSub?.unsubscribe();
    await this.results.stop({ timeoutMs: 30_000 });
    await this.deadLetters.stop({ timeoutMs: 10_000 });
    await this.sweeper.stop();
    const released = await this.executor.stop();
    await this.leases.release(released).catch(() => undefined);
    await this.nc.drain().catch(() => undefined);
    await this.db.end();
  }

  private async onResult(ctx: MessageContext<AgentResult>): Promise<void> {
    const outcome = await this.executor.deliver(ctx.data);
    if (outcome !== 'not-owner') return;
    // Every orchestrator shares the one results consumer (a work queue), so a result may reach a replica
    // that does not own its run. Handing it back to the stream (a new message, deduplicated by the source
    // sequence) lets another replica take it without using up this message's delivery attempts; a result
    // that keeps bouncing falls back to a delayed retry. The copy's id is the source's stream sequence, so
    // a redelivered source (its ack was lost) is not forwarded twice.
    const forwards = Number(ctx.headers[FORWARDS_HEADER] ?? '0');
    if (forwards >= MAX_FORWARDS) return this.retryWhenLeaseEnds(ctx.data.runId);
    await this.publisher.publish(resultSubject(ctx.data.role), ctx.data, `fwd:${ctx.streamSequence}`, {
      headers: { ...carriedHeaders(ctx.headers), [FORWARDS_HEADER]: String(forwards + 1) },
    });
  }

  private async onDeadLetter(ctx: MessageContext<DeadLetterEnvelope>): Promise<void> {
    const action = deadLetterAction(ctx.data);
    if (action.kind === 'fail-job') {
      const outcome = await this.executor.deliver(action.result, 'dead');
      if (outcome === 'not-owner') return this.retryWhenLeaseEnds(action.result.runId);
    } else if (action.kind === 'revive-result') {
      // Its run waits for this result, and the relay would only re-send the job after the dedup window
      // (minutes). Back on the results stream it gets fresh attempts and reaches whichever replica owns the
      // run; the id (this dead letter's sequence) keeps a redelivered dead letter from reviving it twice.
      this.options.logger.warn(
        { runId: action.result.runId, jobId: action.result.jobId, reason: ctx.data.reason },
        'reviving a result whose delivery attempts ran out',
      );
      await this.publisher.publish(
        resultSubject(action.result.role),
        action.result,
        `revive:${ctx.streamSequence}`,
        // The agent's own headers (request id, trace context) go back with it, as when a result is forwarded.
        { headers: { ...carriedHeaders(ctx.data.headers), [REVIVED_HEADER]: '1' } },
      );
    }
  }

  /**
   * A result for a run whose lease another orchestrator holds, and no replica it was handed to owns it. Its
   * owner may be dead (killed, its lease not yet run out): a quick backoff would use up the message's
   * attempts before the lease ends and a replica takes the run over, so the message comes back once the
   * lease has run out and a tick has had time to claim it (at most a lease and a tick from now).
   */
  private async retryWhenLeaseEnds(runId: string): Promise<never> {
    const { ORCHESTRATOR_LEASE_MS: leaseMs, ORCHESTRATOR_TICK_MS: tickMs } = this.options.config;
    const remainingMs = await this.leases.leaseRemainingMs(runId);
    throw new RetryLaterError(
      `run ${runId} is owned elsewhere (lease ends in ${remainingMs} ms); retrying after it`,
      Math.min(remainingMs, leaseMs) + tickMs,
    );
  }

  private async onControlChanged(runId: string): Promise<void> {
    if (this.executor.owns(runId)) {
      await this.executor.wake(runId);
      return;
    }
    // A new run, or a resumed one nobody drives (QUEUED again, or its owner died): take it if its lease is
    // free and this replica has room (the tick claims it otherwise).
    if (this.executor.ownedRunIds().length >= this.options.config.ORCHESTRATOR_MAX_RUNS) return;
    const claimed = await this.leases.claim(1, { only: runId });
    await Promise.all(this.executor.adopt(claimed));
  }

  /** One round: renew, drop lost runs, claim new ones, wake runs whose control changed, relay the outbox. */
  private tick(): Promise<void> {
    if (this.ticking || this.stopped) return this.ticking ?? Promise.resolve();
    this.ticking = this.tickOnce()
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'orchestrator tick failed'))
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  private async tickOnce(): Promise<void> {
    const owned = this.executor.ownedRunIds();
    const held = await this.leases.renew(owned);
    for (const runId of owned) if (!held.has(runId)) this.executor.forget(runId);
    const driving = this.executor.ownedRunIds();
    const room = this.options.config.ORCHESTRATOR_MAX_RUNS - driving.length;
    // Not awaited: a run's takeover must not hold up the renewal of the others' leases; adopt logs failures.
    void Promise.all(this.executor.adopt(await this.leases.claim(room, { driving })));
    for (const runId of await this.control.changed(this.executor.ownedRunIds())) {
      this.executor
        .wake(runId)
        .catch((error: unknown) =>
          this.options.logger.warn({ err: error, runId }, 'control wake failed; next tick retries'),
        );
    }
    await this.relay.sweep();
    await this.retention
      .maybePrune()
      .catch((error: unknown) =>
        this.options.logger.warn({ err: error }, 'checkpoint pruning failed; the next round retries'),
      );
  }
}
