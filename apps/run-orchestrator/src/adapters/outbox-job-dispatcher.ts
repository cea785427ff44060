import type { Logger } from 'pino';
import type { AgentJob } from '@shipyard/contracts';
import type { JobDispatcher } from '../ports/job-dispatcher.port';
import { lockLiveRun } from '../db/live-run.guard';
import { named, type PgDatabase } from '../db/pg-database';
import type { JobInputResolver } from './job-input-resolver';
import type { JobSender } from './job-sender';

/**
 * The transactional outbox. A job is a `run_jobs` row before it is a message: the row is inserted (ON
 * CONFLICT (job_id) DO NOTHING: the graph asks again for the same job when a node re-runs) in the step's
 * transaction, already marked published, and the message goes out once that transaction has committed
 * (so a worker never gets a job whose row could still roll back). If the publish fails, or the process
 * dies between commit and publish, the row says published but JetStream has nothing: the OutboxRelay
 * re-publishes it (after ORCHESTRATOR_REPUBLISH_AFTER_MS, or at once when another orchestrator takes the
 * run over), the same way it recovers a message JetStream lost after acknowledging it.
 */
export class OutboxJobDispatcher implements JobDispatcher {
  constructor(
    private readonly db: PgDatabase,
    private readonly resolver: JobInputResolver,
    private readonly sender: JobSender,
    private readonly logger: Logger,
  ) {}

  async dispatch(job: AgentJob): Promise<void> {
    const resolved = await this.resolver.resolve(job);
    const stored = await this.db.transaction(async (tx) => {
      if (!(await lockLiveRun(tx, job.runId, this.db))) return null;
      // Sent without waiting: the step goes on, and whether the row was new is read after the commit.
      const { answer } = await this.db.send(
        tx,
        named(
          'outbox-insert',
          `INSERT INTO run_jobs (job_id, tenant_id, run_id, task_id, role, kind, payload, status, published_at, publish_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'published', clock_timestamp(), 1)
         ON CONFLICT (job_id) DO NOTHING RETURNING job_id`,
        ),
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
      // Wrapped: a promise returned bare would be awaited by the transaction.
      return { answer };
    });
    if (!stored) return;
    await this.db.afterCommit(async () => {
      // Already there: the graph asked again for a job that left earlier; nothing goes out twice.
      if ((await stored.answer).length === 0) return;
      try {
        await this.sender.send(resolved);
      } catch (error) {
        this.logger.warn(
          { err: error, jobId: job.jobId },
          'job publish failed; the outbox relay will re-publish it',
        );
      }
    });
  }
}
