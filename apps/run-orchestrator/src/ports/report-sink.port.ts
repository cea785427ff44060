import type { AgentRole, FindingSeverity, RunStatus, TaskStatus } from '@shipyard/contracts';
import type { UsageAmount } from './ledger.port';

export interface FinalReportTask {
  taskId: string;
  key: string;
  title: string;
  status: TaskStatus;
  reviewIterations: number;
  fixCycles: number;
  reason: string | null;
}

export interface FinalReportPhase {
  phase: string;
  startedAt: string;
  endedAt: string | null;
  ms: number | null;
}

/** The run's `finalReport`, written once by `final_decision`. */
export interface FinalReport {
  runId: string;
  outcome: RunStatus;
  reason: string;
  tasks: FinalReportTask[];
  usage: UsageAmount & { byRole: Partial<Record<AgentRole, UsageAmount>> };
  reviewIterations: number;
  fixCycles: number;
  securityFixCycles: number;
  securityFindings: { severity: FindingSeverity; rule: string; message: string; path?: string }[];
  phases: FinalReportPhase[];
  startedAt: string;
  finishedAt: string;
  ignoredResults: number;
}

export interface ReportSink {
  /** Stores the report and ends the run in `report.outcome`; idempotent by run id. */
  write(scope: { tenantId: string; runId: string }, report: FinalReport): Promise<void>;
}
