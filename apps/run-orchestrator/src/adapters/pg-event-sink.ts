import { appendStepEvent } from '../db/step-events';
import type { EventSink, RunEvent } from '../ports/event-sink.port';
import { lockLiveRun } from '../db/live-run.guard';
import type { PgDatabase } from '../db/pg-database';
import { toRunEventData } from './run-event-data';

/**
 * Appends the graph's events to the run's log, keyed by the graph's deterministic event id (a re-run node
 * writes one row). A PAUSED or RUNNING status event is a transition: it moves `project_runs.status` in the
 * same transaction (compare-and-set among the active statuses) and is logged only if it did move it. A user's
 * pause or resume is moved and logged by project-service when the user asks; the graph's own event for the
 * same transition then finds the row already there and adds nothing, so every transition is logged once.
 * Terminal statuses are written by the ReportSink together with the report.
 */
export class PgEventSink implements EventSink {
  constructor(private readonly db: PgDatabase) {}

  async emit(event: RunEvent): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await lockLiveRun(tx, event.runId, this.db))) return;
      if (event.type === 'run.status' && (event.status === 'PAUSED' || event.status === 'RUNNING')) {
        const moved = await tx.query(
          `UPDATE project_runs SET status = $3, status_reason = $4
           WHERE id = $1 AND tenant_id = $2 AND status IN ('RUNNING', 'PAUSED') AND status <> $3
           RETURNING id`,
          [event.runId, event.tenantId, event.status, event.reason],
        );
        if (moved.length === 0) return;
      }
      await appendStepEvent(this.db, tx, {
        tenantId: event.tenantId,
        runId: event.runId,
        eventKey: event.eventId,
        data: toRunEventData(event),
      });
    });
  }
}
