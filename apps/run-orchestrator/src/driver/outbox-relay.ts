import type { Logger } from 'pino';
import type { AgentJob } from '@shipyard/contracts';
import type { JobSender } from '../adapters/job-sender';
import type { PgDatabase } from '../db/pg-database';

/**
 * PostgreSQL is the truth about which jobs are owed a result. This re-publishes, for the runs this
 * orchestrator holds the lease of, every job still `pending` (its publish failed or the process died
 * before it) or `published` longer ago than `republishAfterMs` (JetStream may have lost it, or its
 * worker and every redelivery died). A re-published job that was in fact alive is either dropped by
 * JetStream's dedup window (same Nats-Msg-Id) or done twice by idempotent agents; its second result is
 * acked and ignored by the result intake (compare-and-set on the job row).
 */
export class OutboxRelay {
  constructor(
    private readonly db: PgDatabase,
    private readonly sender: JobSender,
    private readonly owner: string,
    private readonly republishAfterMs: number,
    private readonly logger: Logger,
  ) {}

  /** One sweep over the owned runs (or one run after a takeover, with `force` for its published jobs). */
  async sweep(options: { runId?: string; force?: boolean } = {}): Promise<number> {
    const rows = await this.db.query<{ job_id: string; payload: AgentJob }>(
      `SELECT j.job_id, j.payload FROM run_jobs j JOIN project_runs r ON r.id = j.run_id
       WHERE j.status IN ('pending', 'published')
         AND r.status IN ('QUEUED', 'RUNNING', 'PAUSED') AND r.lease_owner = $1
         AND ($2::uuid IS NULL OR j.run_id = $2)
         AND (j.status = 'pending' AND j.created_at < clock_timestamp() - interval '1 second'
              OR $3 OR j.published_at < clock_timestamp() - make_interval(secs => $4 / 1000.0))
       ORDER BY j.created_at LIMIT 500`,
      [this.owner, options.runId ?? null, options.force ?? false, this.republishAfterMs],
    );
    let sent = 0;
    for (const row of rows) {
      try {
        await this.sender.send(row.payload);
        await this.db.query(
          `UPDATE run_jobs SET status = CASE WHEN status = 'pending' THEN 'published' ELSE status END,
             published_at = clock_timestamp(), publish_count = publish_count + 1
           WHERE job_id = $1 AND status IN ('pending', 'published')`,
          [row.job_id],
        );
        sent += 1;
      } catch (error) {
        this.logger.warn({ err: error, jobId: row.job_id }, 'outbox re-publish failed; next sweep retries');
      }
    }
    return sent;
  }
}
