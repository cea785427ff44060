import { appendRunEvent } from '@shipyard/shared/run-events';
import type { EventSink, RunEvent } from '../ports/event-sink.port';
import { lockLiveRun } from '../db/live-run.guard';
import type { PgDatabase } from '../db/pg-database';
import { toRunEventData } from './run-event-data';

/**
 * Appends the graph's events to the run's log, keyed by the graph's deterministic event id (a re-run node
 * writes one row). A PAUSED or RUNNING status event also moves `project_runs.status` in the same
 * transaction (compare-and-set among the active statuses), so what the log says and what the row says never
 * disagree. Terminal statuses are written by the ReportSink together with the report.
 */
export class PgEventSink implements EventSink {
  constructor(private readonly db: PgDatabase) {}

  async emit(event: RunEvent): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await lockLiveRun(tx, event.runId, this.db))) return;
      const stored = await appendRunEvent(tx, {
        tenantId: event.tenantId,
        runId: event.runId,
        eventKey: event.eventId,
        data: toRunEventData(event),
      });
      if (
        stored &&
        event.type === 'run.status' &&
        (event.status === 'PAUSED' || event.status === 'RUNNING')
      ) {
        await tx.query(
          `UPDATE project_runs SET status = $3, status_reason = $4
           WHERE id = $1 AND tenant_id = $2 AND status IN ('RUNNING', 'PAUSED') AND status <> $3`,
          [event.runId, event.tenantId, event.status, event.reason],
        );
      }
    });
  }
}
