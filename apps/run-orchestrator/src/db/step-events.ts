import {
  appendRunEvent,
  appendRunEventsStatement,
  type AppendRunEvent,
  type BatchedRunEvent,
} from '@shipyard/shared/run-events';
import { named, type PgDatabase, type TxClient } from './pg-database';

/** The owner of a unit's pending events (see PgDatabase.currentUnit). */
const PENDING_EVENTS = {};

type PendingEvents = Map<string, { scope: { tenantId: string; runId: string }; events: BatchedRunEvent[] }>;

/**
 * Appends a run event as part of the current step. Inside a unit the events are kept in emission order and
 * written per run in one statement just before the COMMIT, numbered exactly as one append per event would
 * number them; a step emits two to six, and each append was a round trip on the step's path. Outside a unit
 * the event is appended at once in `tx`. Every event the orchestrator writes goes through here, so a unit's
 * events can never be numbered out of the order they were emitted in.
 */
export async function appendStepEvent(db: PgDatabase, tx: TxClient, event: AppendRunEvent): Promise<void> {
  const unit = db.currentUnit();
  if (!unit) {
    await appendRunEvent(tx, event);
    return;
  }
  const pending = unit.local(PENDING_EVENTS, () => {
    const byRun: PendingEvents = new Map();
    unit.beforeCommit(async () => {
      // Sent, not waited for: the COMMIT right behind them fails if one does. The run is locked and live.
      for (const { scope, events } of byRun.values()) {
        const { text, values } = appendRunEventsStatement(scope, events);
        await db.send(tx, named('events-append', text), values);
      }
      byRun.clear();
    });
    return byRun;
  });
  let batch = pending.get(event.runId);
  if (!batch) {
    batch = { scope: { tenantId: event.tenantId, runId: event.runId }, events: [] };
    pending.set(event.runId, batch);
  }
  batch.events.push({ eventKey: event.eventKey, data: event.data });
}
