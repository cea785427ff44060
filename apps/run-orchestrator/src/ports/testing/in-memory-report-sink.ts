import type { FinalReport, ReportSink } from '../report-sink.port';

export class InMemoryReportSink implements ReportSink {
  readonly reports = new Map<string, FinalReport>();
  writes = 0;

  write(scope: { runId: string }, report: FinalReport): Promise<void> {
    this.writes += 1;
    if (!this.reports.has(scope.runId)) this.reports.set(scope.runId, structuredClone(report));
    return Promise.resolve();
  }
}
