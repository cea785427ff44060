import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { isUuid, runEventStreamKey, type RunEventView } from '@shipyard/contracts';
import { PgNotificationListener } from './pg-notification-listener';
import { relayRunEvents, type RunEventStreamSettings } from './relay-run-events';
import type { SqlExecutor } from './sql-executor';
import { seqOfEntryId } from './stream-entry';

/** The channel the `run_events` insert trigger notifies, with the run id as payload. */
export const RUN_EVENTS_CHANNEL = 'shipyard_run_events';

export interface RunEventRelayOptions {
  /** Pooled queries (reads of run_events and project_runs). */
  db: SqlExecutor;
  /** For the dedicated LISTEN connection. */
  databaseUrl: string;
  redis: Redis;
  stream: RunEventStreamSettings;
  /** How often to look for runs whose stream is behind PostgreSQL (lost notifications, Redis failures). */
  sweepIntervalMs: number;
  /** Finished runs are swept for this long after they finish; active runs always are. */
  sweepLookbackSeconds: number;
  logger: Logger;
  /** Told of each event this relay added to Redis: e.g. publish status changes on NATS. */
  onRelayed?: (event: RunEventView) => void;
}

const SWEEP_BATCH = 200;

/**
 * Pushes every run event committed in PostgreSQL into the run's Redis stream. Notifications make it fast;
 * the sweep makes it sure: a notification sent while the listener was reconnecting, or a Redis write that
 * failed, is caught by the next sweep (and by the sweep that follows every reconnection). Each project-
 * service replica runs one; they may relay the same run at the same time, which costs a little work and
 * never a duplicate (see relayRunEvents).
 */
export class RunEventRelay {
  private readonly listener: PgNotificationListener;
  private readonly inFlight = new Map<string, { again: boolean; done: Promise<void> }>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly options: RunEventRelayOptions) {
    this.listener = new PgNotificationListener({
      connectionString: options.databaseUrl,
      channel: RUN_EVENTS_CHANNEL,
      applicationName: 'run-event-relay',
      logger: options.logger,
      onNotification: (runId) => {
        if (isUuid(runId)) void this.relay(runId);
        else
          options.logger.warn(
            { payload: runId.slice(0, 100) },
            'ignored a run event notification without a run id',
          );
      },
      onListening: () => void this.sweep(),
    });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.listener.start();
    this.sweepTimer = setInterval(() => void this.sweep(), this.options.sweepIntervalMs);
  }

  /** Stops listening and sweeping, then waits for relays under way so none writes after shutdown. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweepTimer);
    await this.listener.stop();
    await this.sweeping;
    await Promise.allSettled([...this.inFlight.values()].map((entry) => entry.done));
  }

  /**
   * Relays one run. Calls for a run already being relayed coalesce into one more pass after the current
   * one, so a burst of notifications costs at most two passes and passes of one run never overlap.
   */
  relay(runId: string): Promise<void> {
    const running = this.inFlight.get(runId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          await relayRunEvents(
            this.options.db,
            this.options.redis,
            this.options.stream,
            runId,
            this.options.onRelayed,
          );
        } while (entry.again && !this.stopped);
      } catch (error) {
        // Not rethrown: the next sweep retries this run, which is the recovery path for any failure here.
        this.options.logger.warn({ err: error, runId }, 'relaying run events failed; the sweep will retry');
      } finally {
        this.inFlight.delete(runId);
      }
    })();
    this.inFlight.set(runId, entry);
    return entry.done;
  }

  /** Relays every recent run whose stream holds fewer events than PostgreSQL. One sweep at a time. */
  sweep(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.sweeping ??= this.sweepOnce().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    try {
      const runs = await this.options.db.query<{ id: string; event_seq: string }>(
        `SELECT id, event_seq FROM project_runs
         WHERE event_seq > 0
           AND (status IN ('QUEUED', 'RUNNING', 'PAUSED')
                OR COALESCE(finished_at, updated_at) > now() - make_interval(secs => $1))`,
        [this.options.sweepLookbackSeconds],
      );
      for (let start = 0; start < runs.length && !this.stopped; start += SWEEP_BATCH) {
        const batch = runs.slice(start, start + SWEEP_BATCH);
        // One round trip per batch: a sweep over thousands of active runs must stay cheap.
        const pipeline = this.options.redis.pipeline();
        for (const run of batch)
          pipeline.xrevrange(runEventStreamKey(this.options.stream.keyPrefix, run.id), '+', '-', 'COUNT', 1);
        const newest = (await pipeline.exec()) ?? [];
        for (const [index, run] of batch.entries()) {
          const [error, entries] = newest[index] ?? [new Error('no reply')];
          if (error) throw error;
          const id = (entries as [string, string[]][] | undefined)?.[0]?.[0];
          const relayed = id === undefined ? 0 : (seqOfEntryId(id) ?? 0);
          if (relayed < Number(run.event_seq) && !this.stopped) await this.relay(run.id);
        }
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, 'run event sweep failed; retrying at the next interval');
    }
  }
}
