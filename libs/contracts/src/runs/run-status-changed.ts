import type { RunStatus } from '../enums';

/**
 * Core NATS event: a run's status changed (any transition, by a user, the orchestrator or a deadline), with
 * its reason and its place in the run's event log. Published once per transition by the event relay after
 * the transition committed; at-most-once like all core NATS: the event log (`run.v1.list-events`) is the
 * record, this is the nudge for listeners that react at once.
 */
export const Subject = 'run.v1.evt.status-changed';

export interface Body {
  runId: string;
  /** The transition's number in the run's event log. */
  seq: number;
  status: RunStatus;
  reason: string;
  at: string;
}
