import type { RunControlState } from '../../ports/run-control.port';

export interface RunBoundaryInput {
  control: RunControlState;
  now: Date;
  startedAt: string;
  deadlineMinutes: number;
}

export type RunBoundaryDecision =
  | { action: 'continue' }
  | { action: 'pause'; reason: string }
  | { action: 'stop'; status: 'STOPPED_USER' | 'STOPPED_TIMEOUT'; reason: string };

/**
 * Checked at every node boundary, before any new job is sent. A user's stop wins over the deadline (the
 * user asked first, or both hold and the user's intent is the more specific reason); both win over pause.
 */
export function runBoundary(input: RunBoundaryInput): RunBoundaryDecision {
  if (input.control.requested === 'stop') {
    return { action: 'stop', status: 'STOPPED_USER', reason: 'stopped by a user' };
  }
  const deadline = deadlineOf(input.startedAt, input.deadlineMinutes);
  if (input.now.getTime() >= deadline.getTime()) {
    return {
      action: 'stop',
      status: 'STOPPED_TIMEOUT',
      reason: `run deadline of ${input.deadlineMinutes} min passed at ${deadline.toISOString()}`,
    };
  }
  if (input.control.requested === 'pause') return { action: 'pause', reason: 'paused by a user' };
  return { action: 'continue' };
}

export function deadlineOf(startedAt: string, deadlineMinutes: number): Date {
  return new Date(new Date(startedAt).getTime() + deadlineMinutes * 60_000);
}
