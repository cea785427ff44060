import type { RunEventData, RunEventView } from '@shipyard/contracts';
import type { SqlExecutor } from './sql-executor';

export interface AppendRunEvent {
  tenantId: string;
  runId: string;
  /**
   * Deterministic key of what happened (e.g. `status:RUNNING:<jobId>`): writing the same event twice (a
   * retried step, a redelivered result) keeps one row.
   */
  eventKey: string;
  data: RunEventData;
}

/**
 * Appends an event to a run's log INSIDE the caller's transaction, numbered with the run's next `seq`.
 * The number comes from `project_runs.event_seq` under the run row's lock, so events of one run commit in
 * number order and a reader resuming after seq N can never miss one that commits later. Returns the stored
 * event, or null when an event with the same key was already there (nothing written, no number used).
 */
export async function appendRunEvent(db: SqlExecutor, event: AppendRunEvent): Promise<RunEventView | null> {
  // One round trip: a step appends two or three events, and each statement is a round trip on its hot path.
  // The number is taken only when the key is new (no gap for a repeated event); an unknown run or tenant
  // numbers nothing and so inserts nothing, which is why the run's existence is checked separately below.
  const rows = await db.query<{ seq: string | null; created_at: Date | null; run_found: boolean }>(
    `WITH repeated AS (
       SELECT 1 FROM run_events WHERE run_id = $1 AND event_key = $2
     ), numbered AS (
       UPDATE project_runs SET event_seq = event_seq + 1
        WHERE id = $1 AND tenant_id = $3 AND NOT EXISTS (SELECT 1 FROM repeated)
        RETURNING event_seq
     ), inserted AS (
       INSERT INTO run_events (run_id, seq, tenant_id, event_key, type, data)
       SELECT $1, event_seq, $3, $2, $4, $5 FROM numbered
       RETURNING seq, created_at
     )
     SELECT inserted.seq, inserted.created_at,
            EXISTS (SELECT 1 FROM repeated) OR EXISTS (SELECT 1 FROM numbered) AS run_found
       FROM (SELECT 1) AS one LEFT JOIN inserted ON true`,
    [event.runId, event.eventKey, event.tenantId, event.data.type, JSON.stringify(event.data)],
  );
  const [row] = rows;
  if (!row) throw new Error('run event append returned nothing');
  if (row.seq === null || row.created_at === null) {
    if (!row.run_found) throw new Error(`run ${event.runId} not found for its event`);
    return null;
  }
  return {
    runId: event.runId,
    seq: Number(row.seq),
    data: event.data,
    createdAt: row.created_at.toISOString(),
  };
}
