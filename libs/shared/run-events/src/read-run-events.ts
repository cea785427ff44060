import type { RunEventData, RunEventView } from '@shipyard/contracts';
import type { SqlExecutor } from './sql-executor';

/** A run's events after `afterSeq`, oldest first, at most `limit`: the replay source of truth. */
export async function readRunEvents(
  db: SqlExecutor,
  runId: string,
  afterSeq: number,
  limit = 500,
): Promise<RunEventView[]> {
  const rows = await db.query<{ seq: string; data: RunEventData; created_at: Date }>(
    `SELECT seq, data, created_at FROM run_events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [runId, afterSeq, limit],
  );
  return rows.map((row) => ({
    runId,
    seq: Number(row.seq),
    data: row.data,
    createdAt: row.created_at.toISOString(),
  }));
}
