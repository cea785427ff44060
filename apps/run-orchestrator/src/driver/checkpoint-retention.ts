import type { PgDatabase } from '../db/pg-database';

/** A key of our own for the advisory lock that keeps replicas from pruning the same runs at once. */
const RETENTION_LOCK = 7_311_017;

/**
 * Prunes the checkpoint rows of runs that ended more than `retentionHours` ago, a batch at a time, oldest
 * first, and marks each run pruned in the same statement. An ended run is never resumed, and everything a
 * user reads of it lives in other tables, so only LangGraph's rows go. Replicas take turns (a transaction
 * advisory lock); one that finds the lock taken skips the round.
 */
export class CheckpointRetention {
  private nextAt = 0;

  constructor(
    private readonly db: PgDatabase,
    private readonly options: { retentionHours: number; intervalMs: number; batch: number },
  ) {}

  /** Called from the tick; prunes at most once per interval. Returns the runs pruned this time. */
  async maybePrune(now = Date.now()): Promise<number> {
    if (now < this.nextAt) return 0;
    this.nextAt = now + this.options.intervalMs;
    return this.pruneOnce();
  }

  /** One batch: the runs it pruned (0 when another replica holds the turn or nothing is due). */
  async pruneOnce(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [turn] = await tx.query<{ mine: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS mine`, [
        RETENTION_LOCK,
      ]);
      if (!turn?.mine) return 0;
      const rows = await tx.query<{ id: string }>(
        `WITH due AS (
           SELECT id, id::text AS thread_id FROM project_runs
            WHERE finished_at IS NOT NULL AND checkpoints_pruned_at IS NULL
              AND finished_at < clock_timestamp() - make_interval(hours => $1)
            ORDER BY finished_at LIMIT $2
         ), blobs AS (
           DELETE FROM checkpoint_blobs WHERE thread_id IN (SELECT thread_id FROM due)
         ), writes AS (
           DELETE FROM checkpoint_writes WHERE thread_id IN (SELECT thread_id FROM due)
         ), checkpoints AS (
           DELETE FROM checkpoints WHERE thread_id IN (SELECT thread_id FROM due)
         )
         UPDATE project_runs r SET checkpoints_pruned_at = clock_timestamp()
           FROM due WHERE r.id = due.id
         RETURNING r.id`,
        [this.options.retentionHours, this.options.batch],
      );
      return rows.length;
    });
  }
}
