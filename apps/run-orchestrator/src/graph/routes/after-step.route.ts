import { NodeNames, type NodeName } from '../node-names';
import type { RunState } from '../state';

/**
 * The edge out of a node that runs one job at a time: to `final_decision` once the run has an outcome,
 * to `next` once the node's work is done, else back to itself (to wait for its result, retry, or stay
 * paused). Looping back rather than waiting twice inside one node keeps every resume a single interrupt.
 */
export function afterStep(
  state: Pick<RunState, 'outcome' | 'steps'>,
  self: NodeName,
  next: NodeName,
): NodeName {
  if (state.outcome) return NodeNames.finalDecision;
  return state.steps[self]?.done ? next : self;
}
