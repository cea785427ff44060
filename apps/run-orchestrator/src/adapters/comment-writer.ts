import type { AgentResult } from '@shipyard/contracts';
import { appendStepEvent } from '../db/step-events';
import { deterministicUuid } from '../db/deterministic-uuid';
import { lockLiveRun } from '../db/live-run.guard';
import type { PgDatabase } from '../db/pg-database';

/**
 * An agent's comments become `task_comments` rows, each with a `comment.created` event, in one
 * transaction. Row ids and event keys derive from (job id, index), so a redelivered result writes nothing
 * new. Comments of run-level jobs (PM, bootstrap, security, docs, devops) have no task: they are stored
 * with `task_id` null, as comments on the run.
 */
export class CommentWriter {
  constructor(private readonly db: PgDatabase) {}

  async write(result: AgentResult): Promise<number> {
    const taskId = result.taskId ?? null;
    if (result.comments.length === 0) return 0;
    return this.db.transaction(async (tx) => {
      if (!(await lockLiveRun(tx, result.runId, this.db))) return 0;
      // The task must belong to the result's run and tenant; a result naming another run's task writes nothing.
      if (taskId !== null) {
        const [task] = await tx.query(
          `SELECT 1 FROM tasks WHERE id = $1 AND run_id = $2 AND tenant_id = $3`,
          [taskId, result.runId, result.tenantId],
        );
        if (!task) return 0;
      }
      let written = 0;
      for (const [index, comment] of result.comments.entries()) {
        const id = deterministicUuid(result.jobId, 'comment', String(index));
        const inserted = await tx.query(
          `INSERT INTO task_comments (id, tenant_id, task_id, run_id, comment_type, author_role, agent_id, body,
                                      metrics, blockers, next_steps)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [
            id,
            result.tenantId,
            taskId,
            result.runId,
            comment.commentType,
            result.role,
            result.agentId,
            comment.body,
            JSON.stringify(comment.metrics ?? {}),
            comment.blockers ?? [],
            comment.nextSteps ?? [],
          ],
        );
        if (inserted.length === 0) continue;
        written += 1;
        await appendStepEvent(this.db, tx, {
          tenantId: result.tenantId,
          runId: result.runId,
          eventKey: `${result.jobId}:comment:${index}`,
          data: {
            type: 'comment.created',
            taskId,
            commentId: id,
            commentType: comment.commentType,
            authorRole: result.role,
            agentId: result.agentId,
            body: comment.body,
          },
        });
      }
      return written;
    });
  }
}
