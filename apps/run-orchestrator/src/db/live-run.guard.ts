import type { PgDatabase, TxClient } from './pg-database';

export const ACTIVE_RUN_STATUSES = ['QUEUED', 'RUNNING', 'PAUSED'] as const;

/**
 * Locks the run row for the rest of the transaction and says whether anything may still be written for it.
 * A run that a user stopped (or that ended) gets nothing more: every adapter write checks this first, in
 * the same transaction, so a step racing with a stop either commits before it or writes nothing. Inside a
 * step's unit the lock is taken once and remembered (it is held until the unit commits).
 */
export async function lockLiveRun(tx: TxClient, runId: string, db?: PgDatabase): Promise<boolean> {
  const cache = db?.liveRunCache();
  const known = cache?.get(runId);
  if (known !== undefined) return known;
  const [row] = await tx.query<{ status: string }>(
    `SELECT status FROM project_runs WHERE id = $1 FOR UPDATE`,
    [runId],
  );
  const live = row !== undefined && (ACTIVE_RUN_STATUSES as readonly string[]).includes(row.status);
  cache?.set(runId, live);
  return live;
}

/** After this unit ended the run (terminal status written), its later writes must be skipped too. */
export function markRunEnded(db: PgDatabase, runId: string): void {
  db.liveRunCache()?.set(runId, false);
}
