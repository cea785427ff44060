import type { RunStatus, TaskStatus } from '@shipyard/contracts';

interface RunEventBase {
  /**
   * Deterministic id of the event. Nodes re-run after a resume or a crash and then emit the same event
   * again with the same id; the sink must keep one.
   */
  eventId: string;
  runId: string;
  tenantId: string;
  at: string;
}

export interface RunStatusEvent extends RunEventBase {
  type: 'run.status';
  status: RunStatus;
  reason: string;
}

export interface TaskChangedEvent extends RunEventBase {
  type: 'task.changed';
  taskId: string;
  status: TaskStatus;
  reason: string;
}

export interface RunWarningEvent extends RunEventBase {
  type: 'run.warning';
  code: 'BUDGET_EXCEEDED' | 'SECURITY_FINDINGS' | 'RESULT_IGNORED' | 'ALLOWANCE_EXHAUSTED';
  message: string;
}

export type RunEvent = RunStatusEvent | TaskChangedEvent | RunWarningEvent;

/** Where the run's live events go (in production: the event log that feeds Redis and SSE). */
export interface EventSink {
  emit(event: RunEvent): Promise<void>;
}
