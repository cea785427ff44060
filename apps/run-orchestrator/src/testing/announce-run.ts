import type { NatsConnection } from '@nats-io/transport-node';
import { RunControlChanged } from '@shipyard/contracts';
import type { SeededRun } from './seed-run';

/** What project-service publishes after creating a run, so the benchmark's runs start as the API's do. */
export function announceRun(nc: NatsConnection, prefix: string, run: SeededRun): void {
  const body: RunControlChanged.Body = {
    tenantId: run.tenantId,
    runId: run.runId,
    status: 'QUEUED',
    control: 'run',
    resumeSeq: 0,
  };
  nc.publish(`${prefix}${RunControlChanged.Subject}`, JSON.stringify(body));
}
