import { NodeNames, type NodeName } from '../node-names';
import type { RunState } from '../state';

/**
 * The edge out of the three task nodes. A verdict in the inbox goes to the node that applies it; when
 * every task is done the run moves on to the security scan; otherwise the scheduler waits for the next
 * result. A failed task has already set the run's outcome.
 */
export function afterWork(state: Pick<RunState, 'outcome' | 'inbox' | 'tasks'>): NodeName {
  if (state.outcome) return NodeNames.finalDecision;
  if (state.inbox?.kind === 'review') return NodeNames.leadReviewCycle;
  if (state.inbox?.kind === 'test') return NodeNames.qaTestCycle;
  const tasks = Object.values(state.tasks);
  if (tasks.length > 0 && tasks.every((t) => t.stage === 'done')) return NodeNames.securityScanCycle;
  return NodeNames.devWorkCycle;
}
