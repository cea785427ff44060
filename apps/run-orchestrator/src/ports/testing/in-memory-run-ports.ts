import type { RunPorts } from '../run-ports';
import { FixedClock } from './fixed-clock';
import { InMemoryArtifactStore } from './in-memory-artifact-store';
import { InMemoryEventSink } from './in-memory-event-sink';
import { InMemoryJobDispatcher } from './in-memory-job-dispatcher';
import { InMemoryLedger } from './in-memory-ledger';
import { InMemoryReportSink } from './in-memory-report-sink';
import { InMemoryRunControl } from './in-memory-run-control';
import { InMemoryTaskStore } from './in-memory-task-store';

/** The in-memory ports with their concrete types, so tests can both wire the graph and inspect them. */
export interface InMemoryRunPorts extends RunPorts {
  dispatcher: InMemoryJobDispatcher;
  tasks: InMemoryTaskStore;
  ledger: InMemoryLedger;
  control: InMemoryRunControl;
  clock: FixedClock;
  events: InMemoryEventSink;
  reports: InMemoryReportSink;
  artifacts: InMemoryArtifactStore;
}

export function makeInMemoryRunPorts(overrides: Partial<InMemoryRunPorts> = {}): InMemoryRunPorts {
  return {
    dispatcher: new InMemoryJobDispatcher(),
    tasks: new InMemoryTaskStore(),
    ledger: new InMemoryLedger(),
    control: new InMemoryRunControl(),
    clock: new FixedClock(),
    events: new InMemoryEventSink(),
    reports: new InMemoryReportSink(),
    artifacts: new InMemoryArtifactStore(),
    ...overrides,
  };
}
