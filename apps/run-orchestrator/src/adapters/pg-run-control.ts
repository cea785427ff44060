import type { RunControl, RunControlState } from '../ports/run-control.port';
import {
  endedInThisUnit,
  isActiveRunStatus,
  lockedRunControl,
  type LockedRunControl,
} from '../db/live-run.guard';
import type { PgDatabase } from '../db/pg-database';

/**
 * What users asked of a run, straight from `project_runs` (project-service writes it), or from what the
 * step's unit read when it locked the row. A terminal run reads as `stop`, so a graph woken after a user stop
 * ends at its next boundary even if the column says otherwise.
 */
export class PgRunControl implements RunControl {
  constructor(private readonly db: PgDatabase) {}

  async read(runId: string): Promise<RunControlState> {
    const locked = lockedRunControl(this.db, runId);
    if (locked) return stateOf(locked, endedInThisUnit(this.db, runId));
    const [row] = await this.db.query<LockedRunControl & { status: string }>(
      `SELECT status, control_requested, resume_seq, budget_override FROM project_runs WHERE id = $1`,
      [runId],
    );
    if (!row) return { requested: 'stop', resumeSeq: 0, budget: null };
    return stateOf(row, !isActiveRunStatus(row.status));
  }
}

function stateOf(row: LockedRunControl, terminal: boolean): RunControlState {
  return {
    requested: terminal ? 'stop' : row.control_requested,
    resumeSeq: row.resume_seq,
    budget: row.budget_override,
  };
}
