import { appendStepEvent } from '../db/step-events';
import type { FinalReport, ReportSink } from '../ports/report-sink.port';
import { markRunEnded } from '../db/live-run.guard';
import type { PgDatabase } from '../db/pg-database';

/**
 * Ends the run: the report, the terminal status (compare-and-set from an active status, so a run a user
 * stopped meanwhile keeps STOPPED_USER and gets no report), the project's status and its active run
 * cleared, and the terminal `run.status` event, all in one transaction. The event key is the one the
 * graph's `final_decision` uses for the same event, so its later emit is a no-op.
 */
export class PgReportSink implements ReportSink {
  constructor(private readonly db: PgDatabase) {}

  async write(scope: { tenantId: string; runId: string }, report: FinalReport): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [run] = await tx.query<{ project_id: string }>(
        `UPDATE project_runs
         SET status = $3, status_reason = $4, final_report = $5, finished_at = clock_timestamp(),
             lease_owner = NULL, lease_expires_at = NULL
         WHERE id = $1 AND tenant_id = $2 AND status IN ('QUEUED', 'RUNNING', 'PAUSED')
         RETURNING project_id`,
        [scope.runId, scope.tenantId, report.outcome, report.reason.slice(0, 2000), JSON.stringify(report)],
      );
      if (!run) return;
      markRunEnded(this.db, scope.runId);
      // Only COMPLETED and FAILED are project statuses; a stopped run leaves the project ready to run again.
      const projectStatus =
        report.outcome === 'COMPLETED' ? 'COMPLETED' : report.outcome === 'FAILED' ? 'FAILED' : 'READY';
      await tx.query(
        `UPDATE projects SET status = $3, active_run_id = NULL, updated_at = clock_timestamp()
         WHERE id = $1 AND tenant_id = $2 AND active_run_id = $4`,
        [run.project_id, scope.tenantId, projectStatus, scope.runId],
      );
      await appendStepEvent(this.db, tx, {
        tenantId: scope.tenantId,
        runId: scope.runId,
        eventKey: `${scope.runId}:status:${report.outcome}:final`,
        data: { type: 'run.status', status: report.outcome, reason: report.reason },
      });
    });
  }
}
