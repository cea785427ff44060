import type { RunControlChanged } from '@shipyard/contracts';

/**
 * Where project-service announces a committed control change (`run.v1.evt.control-changed`, core NATS,
 * at-most-once). Optional: without it the orchestrator still sees the change through its control poll,
 * only later. Provide it under this token with a NATS connection (see `NatsRunControlPublisher`).
 */
export const RUN_CONTROL_PUBLISHER = Symbol('RUN_CONTROL_PUBLISHER');

export interface RunControlPublisher {
  controlChanged(body: RunControlChanged.Body): Promise<void>;
}
