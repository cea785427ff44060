import type { ArtifactStore } from './artifact-store.port';
import type { Clock } from './clock.port';
import type { EventSink } from './event-sink.port';
import type { JobDispatcher } from './job-dispatcher.port';
import type { Ledger } from './ledger.port';
import type { ReportSink } from './report-sink.port';
import type { RunControl } from './run-control.port';
import type { TaskStore } from './task-store.port';

/** Everything the run graph may touch outside its own state. Nodes receive this, never a client. */
export interface RunPorts {
  dispatcher: JobDispatcher;
  tasks: TaskStore;
  ledger: Ledger;
  control: RunControl;
  clock: Clock;
  events: EventSink;
  reports: ReportSink;
  artifacts: ArtifactStore;
}
