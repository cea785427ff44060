import { Command } from '@langchain/langgraph';
import type { Logger } from 'pino';
import type { AgentResult } from '@shipyard/contracts';
import {
  invokeUntilWait,
  isWaiting,
  runInvokeConfig,
  type RunGraph,
  type RunStart,
  type WaitPayload,
} from '../graph';
import type { CommentWriter } from '../adapters/comment-writer';
import { isActiveRunStatus, rememberLockedRun, type LockedRunControl } from '../db/live-run.guard';
import { named, type PgDatabase } from '../db/pg-database';
import type { Clock } from '../ports/clock.port';
import type { OutboxRelay } from './outbox-relay';
import type { ClaimedRun, RunLeaseRepository } from './run-lease.repository';
import { SerialQueue } from './serial-queue';

/** What happened to a delivered result. */
export type DeliveryOutcome =
  | 'applied'
  /** Its job was already completed (or the graph had already applied it): acked and ignored. */
  | 'duplicate'
  /** The run ended, or the job is not one of ours: acked and dropped, nothing written. */
  | 'dropped'
  /** Another live orchestrator holds the run's lease. */
  | 'not-owner';

interface OwnedRun {
  runId: string;
  tenantId: string;
  /** Job ids the graph waits for (from its last interrupt); null until known. */
  waitingFor: Set<string> | null;
  deadlineTimer: NodeJS.Timeout | null;
  /** The deadline `deadlineTimer` was armed for. */
  armedFor: string | null;
}

const MAX_TIMER_MS = 2_147_000_000;

/** The checkpointer's per-run cache, which this executor keeps in step with the leases it holds. */
export interface CheckpointCache {
  forget(threadId: string): void;
  /**
   * PostgreSQL's newest checkpoint id for the run, read under the row lock. False when the cache did not
   * hold that head (nothing cached, or another orchestrator moved the run since).
   */
  expectHead(threadId: string, checkpointId: string | null): boolean;
}

/**
 * Sends what applying a result will ask for (its usage, its task) with the step's first statement, so the
 * graph finds the answers there instead of waiting a round trip for each (PgLedger / PgTaskStore.prefetch).
 */
export interface ResultPrefetch {
  prefetch(result: AgentResult): void;
}

/** The run row as a step's first statement locks and reads it. */
interface LockedRun extends LockedRunControl {
  status: string;
  lease_owner: string | null;
  head: string | null;
  /** Status of the job whose result is being applied (null: no such job of this run and tenant). */
  job_status: string | null;
}

/** A step found its run ended or its lease gone: the run is forgotten here, which is all there is to do. */
function ignoreEnded(error: unknown): void {
  if (!(error instanceof LeaseLostError || error instanceof RunEndedError)) throw error;
}

/** The run ended (a user stopped it) while a step for it waited: nothing is written. */
export class RunEndedError extends Error {
  constructor(readonly runId: string) {
    super(`run ${runId} has ended`);
  }
}

/** This orchestrator no longer holds the run's lease: the step was rolled back and the run forgotten here. */
export class LeaseLostError extends Error {
  constructor(readonly runId: string) {
    super(`lease on run ${runId} is held by another orchestrator`);
  }
}

/**
 * Drives the graphs of the runs this orchestrator holds the lease of. Every invoke of a run goes through
 * its SerialQueue key, so one process never runs two steps of one run at once; the lease keeps other
 * processes out. Nothing about a run lives only in memory: the checkpoint, the job outbox and the lease
 * are in PostgreSQL, and `waitingFor` is a cache rebuilt from the checkpoint on takeover.
 */
export class RunExecutor {
  private readonly owned = new Map<string, OwnedRun>();
  private readonly queue = new SerialQueue();
  private stopping = false;

  constructor(
    private readonly graph: RunGraph,
    private readonly checkpoints: CheckpointCache,
    private readonly prefetch: ResultPrefetch,
    private readonly db: PgDatabase,
    private readonly leases: RunLeaseRepository,
    private readonly relay: OutboxRelay,
    private readonly comments: CommentWriter,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  ownedRunIds(): string[] {
    return [...this.owned.keys()];
  }

  owns(runId: string): boolean {
    return this.owned.has(runId);
  }

  /** Registers freshly claimed runs at once (so their results are recognised) and starts or continues each. */
  adopt(claimed: ClaimedRun[]): Promise<void>[] {
    return claimed.map((run) => {
      // Our own lease on a run we are still driving: nothing to take up.
      if (this.owned.has(run.runId)) return Promise.resolve();
      // Whatever was cached for it predates a time we did not hold the lease.
      this.checkpoints.forget(run.runId);
      this.owned.set(run.runId, {
        runId: run.runId,
        tenantId: run.tenantId,
        waitingFor: null,
        deadlineTimer: null,
        armedFor: null,
      });
      return this.queue
        .run(run.runId, () => this.takeUp(run))
        .catch((error: unknown) => {
          // Give the run back: the next claim (ours or another orchestrator's) tries again from PostgreSQL.
          this.logger.error({ err: error, runId: run.runId }, 'could not take up run; releasing its lease');
          this.forget(run.runId);
          return this.leases.release([run.runId]).catch(() => undefined);
        });
    });
  }

  /** Leases lost (renewal failed, the run ended elsewhere): stop driving those runs here. */
  forget(runId: string): void {
    const run = this.owned.get(runId);
    if (run?.deadlineTimer) clearTimeout(run.deadlineTimer);
    this.owned.delete(runId);
    this.checkpoints.forget(runId);
  }

  /**
   * A control change or the deadline: the graph re-reads RunControl and the clock at its boundary. A run
   * that ended meanwhile (a user stopped it) is found so by the step's fencing read, which forgets it here.
   */
  wake(runId: string): Promise<void> {
    if (!this.owned.has(runId)) return Promise.resolve();
    return this.queue.run(runId, async () => {
      if (!this.owned.has(runId) || this.stopping) return;
      await this.step(runId, new Command({ resume: { wake: 'control' } })).catch(ignoreEnded);
    });
  }

  /**
   * Applies one result: duplicates and results of ended runs are recognised and dropped; otherwise the
   * task's comments are written, the graph resumed with the result (its checkpoint committed), and only
   * then the job row is compare-and-set to completed. A crash between the two leaves the job unfinished:
   * the redelivered result resumes the graph again, which recognises the job is no longer pending.
   */
  async deliver(result: AgentResult, outcome: 'completed' | 'dead' = 'completed'): Promise<DeliveryOutcome> {
    try {
      return await this.deliverOwned(result, outcome);
    } catch (error) {
      if (error instanceof LeaseLostError) return 'not-owner';
      if (error instanceof RunEndedError) return 'dropped';
      throw error;
    }
  }

  private async deliverOwned(result: AgentResult, outcome: 'completed' | 'dead'): Promise<DeliveryOutcome> {
    if (!this.owned.has(result.runId)) {
      const lease = await this.leases.leaseOf(result.runId);
      if (lease === 'ended') return 'dropped';
      if (lease === 'other') return 'not-owner';
      // 'mine' without the run in memory: this replica let it go (its lease was lost, then handed back) or
      // restarted under the same id before the lease ran out. Either way it is ours to take up now, rather
      // than forwarding its results around until the next tick claims it.
      if (lease === 'free' || lease === 'mine') {
        const claimed = await this.leases.claim(1, { only: result.runId });
        if (claimed.length === 0) return 'not-owner';
        await Promise.all(this.adopt(claimed));
        if (!this.owned.has(result.runId)) return 'not-owner';
      }
    }
    return this.queue.run(result.runId, async () => {
      if (!this.owned.has(result.runId)) return 'not-owner';
      // One transaction: the lock (which reads the job too), comments, the graph step (its checkpoint and
      // every row it writes), the job row. A duplicate or a stray result commits an empty unit.
      const { outcome: applied, wait } = await this.fenced(
        result.runId,
        async (locked) => {
          if (locked.job_status === null) return { outcome: 'dropped' as const, wait: undefined };
          if (locked.job_status !== 'pending' && locked.job_status !== 'published') {
            return { outcome: 'duplicate' as const, wait: undefined };
          }
          const owned = this.owned.get(result.runId);
          if (owned?.waitingFor && !owned.waitingFor.has(result.jobId)) {
            await this.finishJob(result, outcome);
            return { outcome: 'duplicate' as const, wait: undefined };
          }
          await this.comments.write(result);
          const next = await this.invoke(result.runId, new Command({ resume: result }));
          await this.finishJob(result, outcome);
          return { outcome: 'applied' as const, wait: next };
        },
        { jobId: result.jobId, tenantId: result.tenantId },
        () => this.prefetch.prefetch(result),
      );
      if (wait !== undefined) this.settle(result.runId, wait);
      return applied;
    });
  }

  /** Stops taking new work and waits for the steps under way (their checkpoints commit). */
  async stop(): Promise<string[]> {
    this.stopping = true;
    await this.queue.idle();
    const ids = this.ownedRunIds();
    for (const id of ids) this.forget(id);
    return ids;
  }

  private async takeUp(run: ClaimedRun): Promise<void> {
    if (this.stopping || !this.owned.has(run.runId)) return;
    const config = runInvokeConfig(run.runId);
    const snapshot = await this.graph.getState(config);
    const hasCheckpoint = snapshot.config.configurable?.['checkpoint_id'] !== undefined;
    if (!hasCheckpoint) {
      const startedAt = run.status === 'QUEUED' ? await this.leases.markRunning(run) : run.startedAt;
      if (!startedAt) {
        // Paused or stopped before it started: hand the lease back so a resume finds it free at once.
        this.forget(run.runId);
        await this.leases.release([run.runId]);
        return;
      }
      const start: RunStart = {
        run: { runId: run.runId, tenantId: run.tenantId },
        config: run.config,
        requirements: run.requirements,
        startedAt,
      };
      await this.step(run.runId, start);
      return;
    }
    // Taken over from an orchestrator that died (or gave it up): its unfinished jobs go out again now
    // rather than after the relay's delay, and the graph is woken so a control change or a deadline that
    // passed while nobody owned the run takes effect.
    await this.relay.sweep({ runId: run.runId, force: true });
    const input = isWaiting(snapshot) ? new Command({ resume: { wake: 'control' } }) : null;
    await this.step(run.runId, input);
  }

  private readonly onHookError = (error: unknown): void =>
    this.logger.warn({ err: error }, 'after-commit hook failed; the outbox relay covers it');

  /** One graph invocation in its own unit (transaction), then the in-memory view updated from what committed. */
  private async step(runId: string, input: RunStart | Command | null): Promise<void> {
    this.settle(runId, await this.fenced(runId, () => this.invoke(runId, input)));
  }

  /**
   * A step's unit, fenced by the lease: its first statement locks the run row and checks that this
   * orchestrator still holds the lease. The checkpoint rows are written in the same transaction, so an
   * orchestrator that lost its lease (paused past the expiry, then woke) can never commit a step next to
   * the new owner's: its unit finds another owner and rolls back.
   */
  private async fenced<T>(
    runId: string,
    fn: (locked: LockedRun) => Promise<T>,
    job: { jobId: string; tenantId: string } | null = null,
    /** Statements to send behind the fencing read, in the same write (not waited for here). */
    alongside?: () => void,
  ): Promise<T> {
    try {
      return await this.db.unit(async () => {
        // One round trip: the lock, the lease, the control columns, the newest checkpoint id (the
        // checkpointer's cache must agree with it) and, for a result, its job's status.
        const fence = this.db.query<LockedRun>(
          named(
            'step-fence',
            `SELECT r.status, r.lease_owner, r.control_requested, r.resume_seq, r.budget_override,
                  (SELECT c.checkpoint_id FROM checkpoints c WHERE c.thread_id = r.id::text AND c.checkpoint_ns = ''
                    ORDER BY c.checkpoint_id DESC LIMIT 1) AS head,
                  (SELECT j.status FROM run_jobs j WHERE j.job_id = $2 AND j.run_id = r.id AND j.tenant_id = $3)
                    AS job_status
             FROM project_runs r WHERE r.id = $1 FOR UPDATE OF r`,
          ),
          [runId, job?.jobId ?? null, job?.tenantId ?? null],
        );
        alongside?.();
        const [row] = await fence;
        // A run stopped (or ended) since the step was queued gets nothing, not even a checkpoint row.
        if (!row || !isActiveRunStatus(row.status)) throw new RunEndedError(runId);
        if (row.lease_owner !== this.leases.owner) throw new LeaseLostError(runId);
        rememberLockedRun(this.db, runId, row);
        if (!this.checkpoints.expectHead(runId, row.head)) {
          // What this process last saw of the run is not its newest checkpoint: another orchestrator drove
          // it meanwhile (the lease left and came back before a renewal noticed). Its `waitingFor` is then
          // stale and would take the run's next result for a superseded one; the graph decides instead.
          const owned = this.owned.get(runId);
          if (owned) owned.waitingFor = null;
        }
        return fn(row);
      }, this.onHookError);
    } catch (error) {
      if (error instanceof LeaseLostError || error instanceof RunEndedError) this.forget(runId);
      throw error;
    }
  }

  /** Runs the graph up to its next wait (invokeUntilWait); null when the run finished. Called inside a unit. */
  private invoke(runId: string, input: RunStart | Command | null): Promise<WaitPayload | null> {
    // `exit`: the unit makes the whole invoke atomic, so only its last checkpoint is worth writing.
    return invokeUntilWait(this.graph, input, runInvokeConfig(runId, 'exit'));
  }

  /** After the step's commit only: a rolled-back step must not change what this process believes. */
  private settle(runId: string, wait: WaitPayload | null): void {
    const owned = this.owned.get(runId);
    if (!owned) return;
    if (!wait) {
      // final_decision ran: the report and terminal status are written; the lease went with them.
      this.forget(runId);
      return;
    }
    owned.waitingFor = new Set(wait.waitingFor);
    this.armDeadline(owned, wait.deadlineAt);
  }

  private armDeadline(run: OwnedRun, deadlineAt: string): void {
    // Every wait names the run's deadline, which rarely moves: re-arming per step made a timer (and, for
    // each new delay in ms, a timer list) per step for nothing.
    if (run.deadlineTimer && run.armedFor === deadlineAt) return;
    if (run.deadlineTimer) clearTimeout(run.deadlineTimer);
    run.armedFor = deadlineAt;
    const delay = Math.min(Math.max(0, Date.parse(deadlineAt) - this.clock.now().getTime()), MAX_TIMER_MS);
    run.deadlineTimer = setTimeout(() => {
      run.deadlineTimer = null;
      run.armedFor = null;
      this.wake(run.runId).catch((error: unknown) =>
        this.logger.error({ err: error, runId: run.runId }, 'deadline wake failed; the control poll retries'),
      );
    }, delay);
    run.deadlineTimer.unref();
  }

  private async finishJob(result: AgentResult, outcome: 'completed' | 'dead'): Promise<void> {
    const status = outcome === 'dead' ? 'dead' : result.status === 'failed' ? 'failed' : 'completed';
    await this.db.send(
      this.db,
      named(
        'job-finish',
        `UPDATE run_jobs SET status = $2, failure = $3, completed_at = clock_timestamp()
       WHERE job_id = $1 AND status IN ('pending', 'published')`,
      ),
      [result.jobId, status, result.failure?.message ?? null],
    );
  }
}
