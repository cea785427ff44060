import type { TxClient } from './pg-database';

export const ACTIVE_RUN_STATUSES = ['QUEUED', 'RUNNING', 'PAUSED'] as const;

/**
 * Locks the run row for the rest of the transaction and says whether anything may still be written for it.
 * A run that a user stopped (or that ended) gets nothing more: every adapter write checks this first, in
 * the same transaction, so a step racing with a stop either commits before it or writes nothing.
 */
export async function lockLiveRun(tx: TxClient, runId: string): Promise<boolean> {
  const [row] = await tx.query<{ status: string }>(
    `SELECT status FROM project_runs WHERE id = $1 FOR UPDATE`,
    [runId],
  );
  return row !== undefined && (ACTIVE_RUN_STATUSES as readonly string[]).includes(row.status);
}
