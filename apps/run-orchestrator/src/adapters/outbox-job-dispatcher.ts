import type { Logger } from 'pino';
import type { AgentJob } from '@shipyard/contracts';
import type { DispatchOutcome, JobDispatcher } from '../ports/job-dispatcher.port';
import { lockLiveRun } from '../db/live-run.guard';
import type { PgDatabase } from '../db/pg-database';
import type { JobInputResolver } from './job-input-resolver';
import type { JobSender } from './job-sender';

/**
 * The transactional outbox. A job is a `run_jobs` row before it is a message: the row is inserted (ON
 * CONFLICT (job_id) DO NOTHING: the graph asks again for the same job when a node re-runs), then published
 * and marked published. A failed publish is not an error for the graph: the row stays pending and the
 * OutboxRelay publishes it later, and if JetStream loses an acked message the relay re-publishes it too.
 */
export class OutboxJobDispatcher implements JobDispatcher {
  constructor(
    private readonly db: PgDatabase,
    private readonly resolver: JobInputResolver,
    private readonly sender: JobSender,
    private readonly logger: Logger,
  ) {}

  async dispatch(job: AgentJob): Promise<DispatchOutcome> {
    const resolved = await this.resolver.resolve(job);
    const stored = await this.db.transaction(async (tx) => {
      if (!(await lockLiveRun(tx, job.runId))) return 'run-ended' as const;
      const inserted = await tx.query(
        `INSERT INTO run_jobs (job_id, tenant_id, run_id, task_id, role, kind, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (job_id) DO NOTHING RETURNING job_id`,
        [
          job.jobId,
          job.tenantId,
          job.runId,
          job.taskId ?? null,
          job.role,
          job.kind,
          JSON.stringify(resolved),
        ],
      );
      if (inserted.length > 0) return 'new' as const;
      const [row] = await tx.query<{ status: string }>(`SELECT status FROM run_jobs WHERE job_id = $1`, [
        job.jobId,
      ]);
      return row?.status === 'pending' ? ('unsent' as const) : ('known' as const);
    });
    if (stored === 'run-ended' || stored === 'known') return 'duplicate';
    try {
      await this.sender.send(resolved);
      await this.db.query(
        `UPDATE run_jobs SET status = 'published', published_at = clock_timestamp(), publish_count = publish_count + 1
         WHERE job_id = $1 AND status = 'pending'`,
        [job.jobId],
      );
    } catch (error) {
      this.logger.warn(
        { err: error, jobId: job.jobId },
        'job publish failed; the outbox relay will retry it',
      );
    }
    return stored === 'new' ? 'sent' : 'duplicate';
  }
}
