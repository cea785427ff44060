import type { BudgetPatch, RunCommand, RunStatus } from '@shipyard/contracts';
import { appendRunEvent } from './append-run-event';
import type { SqlExecutor } from './sql-executor';

export interface RunCommandChange {
  tenantId: string;
  runId: string;
  command: RunCommand;
  expected: RunStatus;
  target: RunStatus;
  reason: string;
  /** Merged field by field over the budget in force (the override, else the config snapshot's). */
  budget?: BudgetPatch;
}

const CONTROL: Record<RunCommand, 'run' | 'pause' | 'stop'> = { pause: 'pause', resume: 'run', stop: 'stop' };

/**
 * The compare-and-set of a user command on `project_runs`, with the run-engine columns the entity does
 * not map (control_requested, resume_seq, budget_override, the lease), and its `run.status` event in the
 * same transaction (`db` must be inside one). Returns the new resume sequence, or null when the run was not
 * in `expected` any more. The event key carries the command and the resume sequence: one event per command
 * that took effect. Shared so that the orchestrator's specs issue exactly the command project-service does.
 */
export async function applyRunCommand(
  db: SqlExecutor,
  change: RunCommandChange,
): Promise<{ resumeSeq: number } | null> {
  const [row] = await db.query<{ resume_seq: number }>(
    `UPDATE project_runs SET
       status = $4, status_reason = $5, control_requested = $6,
       resume_seq = resume_seq + CASE WHEN $3 = 'resume' THEN 1 ELSE 0 END,
       budget_override = CASE WHEN $7::jsonb IS NULL THEN budget_override
         ELSE COALESCE(budget_override, config_snapshot->'budget') || $7::jsonb END,
       finished_at = CASE WHEN $3 = 'stop' THEN clock_timestamp() ELSE finished_at END,
       lease_owner = CASE WHEN $3 = 'stop' THEN NULL ELSE lease_owner END,
       lease_expires_at = CASE WHEN $3 = 'stop' THEN NULL ELSE lease_expires_at END
     WHERE id = $1 AND tenant_id = $2 AND status = $8
     RETURNING resume_seq`,
    [
      change.runId,
      change.tenantId,
      change.command,
      change.target,
      change.reason,
      CONTROL[change.command],
      change.budget ? JSON.stringify(change.budget) : null,
      change.expected,
    ],
  );
  if (!row) return null;
  await appendRunEvent(db, {
    tenantId: change.tenantId,
    runId: change.runId,
    eventKey: `${change.runId}:user:${change.command}:${row.resume_seq}`,
    data: { type: 'run.status', status: change.target, reason: change.reason },
  });
  return { resumeSeq: row.resume_seq };
}
