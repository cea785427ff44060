import type { BudgetConfig } from '@shipyard/contracts';
import type { RunControl, RunControlState } from '../ports/run-control.port';
import type { PgDatabase } from '../db/pg-database';

/**
 * What users asked of a run, straight from `project_runs` (project-service writes it). A terminal run
 * reads as `stop`, so a graph woken after a user stop ends at its next boundary even if the column says
 * otherwise.
 */
export class PgRunControl implements RunControl {
  constructor(private readonly db: PgDatabase) {}

  async read(runId: string): Promise<RunControlState> {
    const [row] = await this.db.query<{
      status: string;
      control_requested: 'run' | 'pause' | 'stop';
      resume_seq: number;
      budget_override: BudgetConfig | null;
    }>(`SELECT status, control_requested, resume_seq, budget_override FROM project_runs WHERE id = $1`, [
      runId,
    ]);
    if (!row) return { requested: 'stop', resumeSeq: 0, budget: null };
    const terminal = !['QUEUED', 'RUNNING', 'PAUSED'].includes(row.status);
    return {
      requested: terminal ? 'stop' : row.control_requested,
      resumeSeq: row.resume_seq,
      budget: row.budget_override,
    };
  }
}
