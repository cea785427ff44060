import type { RunEventData } from '@shipyard/contracts';
import type { SqlExecutor } from './sql-executor';

/** One event of a batch for one run (see AppendRunEvent for the key's meaning). */
export interface BatchedRunEvent {
  eventKey: string;
  data: RunEventData;
}

/**
 * Appends several events of one run in ONE statement, with exactly the numbering `appendRunEvent` called
 * once per event in order would give: each new key takes the run's next `seq` in batch order; a key already
 * in the log, or earlier in the batch, is skipped without using a number. For a writer that collects a
 * step's events and writes them just before its commit (a step has two to six of them). Returns how many
 * were stored; an unknown run (or one of another tenant) is an error, as for the single append.
 */
export async function appendRunEvents(
  db: SqlExecutor,
  scope: { tenantId: string; runId: string },
  events: readonly BatchedRunEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const { text, values } = appendRunEventsStatement(scope, events);
  const [row] = await db.query<{ stored: string; run_found: boolean }>(text, values);
  if (!row?.run_found) throw new Error(`run ${scope.runId} not found for its events`);
  return Number(row.stored);
}

/**
 * The statement `appendRunEvents` runs, for a caller that sends it without waiting for its answer (a
 * pipelined transaction's COMMIT fails if the statement does). Its one row: `stored` (count) and
 * `run_found`; an unknown run is NOT an error here, so such a caller must know the run exists (the
 * orchestrator holds its row lock).
 */
export function appendRunEventsStatement(
  scope: { tenantId: string; runId: string },
  events: readonly BatchedRunEvent[],
): { text: string; values: unknown[] } {
  const batch = events.map((e) => ({ key: e.eventKey, type: e.data.type, data: e.data }));
  return {
    text: `WITH input AS (
       SELECT e ->> 'key' AS event_key, e ->> 'type' AS type, e -> 'data' AS data, ord
         FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS x(e, ord)
     ), fresh AS (
       SELECT DISTINCT ON (i.event_key) i.event_key, i.type, i.data, i.ord FROM input i
        WHERE NOT EXISTS (SELECT 1 FROM run_events r WHERE r.run_id = $1 AND r.event_key = i.event_key)
        ORDER BY i.event_key, i.ord
     ), counted AS (
       SELECT count(*) AS n FROM fresh
     ), numbered AS (
       UPDATE project_runs SET event_seq = event_seq + (SELECT n FROM counted)
        WHERE id = $1 AND tenant_id = $2 AND (SELECT n FROM counted) > 0
        RETURNING event_seq
     ), inserted AS (
       INSERT INTO run_events (run_id, seq, tenant_id, event_key, type, data)
       SELECT $1, numbered.event_seq - counted.n + row_number() OVER (ORDER BY f.ord), $2, f.event_key, f.type, f.data
         FROM fresh f CROSS JOIN numbered CROSS JOIN counted
       RETURNING seq
     )
     SELECT (SELECT count(*) FROM inserted) AS stored,
            EXISTS (SELECT 1 FROM project_runs WHERE id = $1 AND tenant_id = $2) AS run_found`,
    values: [scope.runId, scope.tenantId, JSON.stringify(batch)],
  };
}
