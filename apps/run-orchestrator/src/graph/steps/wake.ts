import { interrupt } from '@langchain/langgraph';
import type { AgentResult } from '@shipyard/contracts';
import { deadlineOf } from '../routes/run-boundary.route';
import type { Hold, RunState } from '../state';

/**
 * What the service resumes a waiting run with: an agent's result, or a nudge that something in
 * RunControl changed (pause lifted, budget raised, stop requested) or the deadline passed. The nudge
 * carries nothing: the graph reads RunControl and the clock itself, so a stale or repeated nudge is harmless.
 */
export interface ControlWake {
  wake: 'control';
}
export type ResumeValue = AgentResult | ControlWake;

/** The interrupt's value: what the run waits for, so the service knows what to deliver and when to nudge. */
export interface WaitPayload {
  runId: string;
  /** Job ids whose results the run expects; any of them may come next. */
  waitingFor: string[];
  /** Set while no new job is sent; the service shows the run as PAUSED. */
  paused: Pick<Hold, 'reason' | 'detail' | 'since'> | null;
  /** Nudge the run at this time if nothing else arrives, so the deadline is enforced while it waits. */
  deadlineAt: string;
}

export type Wake = { type: 'result'; result: AgentResult } | { type: 'control' };

/**
 * Suspends the run until the service resumes it. `interrupt()` throws GraphInterrupt on the first pass;
 * callers must not catch it. Whatever ran before this call in the node runs again on resume, so it must
 * only read the state.
 */
export function waitForWake(state: RunState): Wake {
  const value = interrupt<WaitPayload, unknown>(waitPayloadOf(state));
  return isAgentResult(value) ? { type: 'result', result: value } : { type: 'control' };
}

/** What a run waiting in this state waits for: the interrupt's value, and the service's when it stops first. */
export function waitPayloadOf(state: RunState): WaitPayload {
  return {
    runId: state.run.runId,
    waitingFor: Object.keys(state.pending),
    paused: state.hold
      ? { reason: state.hold.reason, detail: state.hold.detail, since: state.hold.since }
      : null,
    deadlineAt: deadlineOf(state.startedAt, state.config.deadlineMinutes).toISOString(),
  };
}

/** The service validates results against the contract before resuming; this only tells the two apart. */
function isAgentResult(value: unknown): value is AgentResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { jobId?: unknown }).jobId === 'string' &&
    typeof (value as { runId?: unknown }).runId === 'string'
  );
}
