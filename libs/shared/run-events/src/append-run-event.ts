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
  const existing = await db.query<{ seq: string }>(
    `SELECT seq FROM run_events WHERE run_id = $1 AND event_key = $2`,
    [event.runId, event.eventKey],
  );
  if (existing.length > 0) return null;
  const [numbered] = await db.query<{ event_seq: string }>(
    `UPDATE project_runs SET event_seq = event_seq + 1 WHERE id = $1 AND tenant_id = $2 RETURNING event_seq`,
    [event.runId, event.tenantId],
  );
  if (!numbered) throw new Error(`run ${event.runId} not found for its event`);
  const [row] = await db.query<{ seq: string; created_at: Date }>(
    `INSERT INTO run_events (run_id, seq, tenant_id, event_key, type, data)
     VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING seq, created_at`,
    [
      event.runId,
      numbered.event_seq,
      event.tenantId,
      event.eventKey,
      event.data.type,
      JSON.stringify(event.data),
    ],
  );
  if (!row) throw new Error('run event insert returned nothing');
  return {
    runId: event.runId,
    seq: Number(row.seq),
    data: event.data,
    createdAt: row.created_at.toISOString(),
  };
}
