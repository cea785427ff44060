import type { BudgetConfig } from '@shipyard/contracts';
import type { PgDatabase, TxClient } from './pg-database';

export const ACTIVE_RUN_STATUSES = ['QUEUED', 'RUNNING', 'PAUSED'] as const;

/** A run that may still be driven and written for (not ended). */
export const isActiveRunStatus = (status: string): boolean =>
  (ACTIVE_RUN_STATUSES as readonly string[]).includes(status);

/** The owner of the unit-local map: run id -> whether the unit found (or left) the run active. */
const LIVE_RUNS = {};
const liveRuns = (db: PgDatabase) => db.currentUnit()?.local(LIVE_RUNS, () => new Map<string, boolean>());

/**
 * Locks the run row for the rest of the transaction and says whether anything may still be written for it.
 * A run that a user stopped (or that ended) gets nothing more: every adapter write checks this first, in
 * the same transaction, so a step racing with a stop either commits before it or writes nothing. Inside a
 * step's unit the lock is taken once and remembered (it is held until the unit commits).
 */
export async function lockLiveRun(tx: TxClient, runId: string, db: PgDatabase): Promise<boolean> {
  const cache = liveRuns(db);
  const known = cache?.get(runId);
  if (known !== undefined) return known;
  const [row] = await tx.query<{ status: string }>(
    `SELECT status FROM project_runs WHERE id = $1 FOR UPDATE`,
    [runId],
  );
  const live = row !== undefined && isActiveRunStatus(row.status);
  cache?.set(runId, live);
  return live;
}

/** After this unit ended the run (terminal status written), its later writes must be skipped too. */
export function markRunEnded(db: PgDatabase, runId: string): void {
  liveRuns(db)?.set(runId, false);
}

/** Whether this unit ended the run itself (markRunEnded); false outside a unit or before it did. */
export function endedInThisUnit(db: PgDatabase, runId: string): boolean {
  return liveRuns(db)?.get(runId) === false;
}

/** What users asked of a run (project-service writes these columns), as read when the unit locked its row. */
export interface LockedRunControl {
  control_requested: 'run' | 'pause' | 'stop';
  resume_seq: number;
  budget_override: BudgetConfig | null;
}

/** The owner of the unit-local map of control rows (see PgDatabase.currentUnit). */
const CONTROL_ROWS = {};
const controlRows = (db: PgDatabase) =>
  db.currentUnit()?.local(CONTROL_ROWS, () => new Map<string, LockedRunControl>());

/**
 * Remembers that the unit locked the run row itself and found the run active, with the control columns read
 * together with the lock: later writes skip lockLiveRun's round trip, and while the unit holds the lock nobody
 * can change the columns (project-service's UPDATE waits for it), so a read of them needs no round trip either.
 */
export function rememberLockedRun(db: PgDatabase, runId: string, row: LockedRunControl): void {
  liveRuns(db)?.set(runId, true);
  controlRows(db)?.set(runId, row);
}

export function lockedRunControl(db: PgDatabase, runId: string): LockedRunControl | undefined {
  return controlRows(db)?.get(runId);
}
