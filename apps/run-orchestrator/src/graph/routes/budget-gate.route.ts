import type { BudgetConfig } from '@shipyard/contracts';
import type { UsageAmount } from '../../ports/ledger.port';

export interface BudgetGateInput {
  budget: BudgetConfig;
  /** What the ledger has recorded for the run. */
  spent: UsageAmount;
  /** Estimates of jobs already sent whose usage is not recorded yet: they will spend it too. */
  inFlight: UsageAmount;
  /** Estimate of the job about to be sent. */
  estimate: UsageAmount;
  /** A user resumed the run after a budget pause: the budget only warns from then on. */
  waived: boolean;
}

export type BudgetGateDecision =
  | { action: 'dispatch' }
  | { action: 'warn'; reason: string }
  | { action: 'stop'; reason: string }
  | { action: 'pause'; reason: string };

/**
 * May this job be sent? It may not when the run has nothing left (spent plus in flight already at the
 * limit) or when the job's estimate would take it past the limit, in tokens or in cost. What happens then
 * is the budget's `onExceed`.
 */
export function budgetGate(input: BudgetGateInput): BudgetGateDecision {
  const committed = add(input.spent, input.inFlight);
  const projected = add(committed, input.estimate);
  const { maxTokens, maxCostUsd } = input.budget;
  const overTokens = committed.tokens >= maxTokens || projected.tokens > maxTokens;
  const overCost = committed.costUsd >= maxCostUsd || projected.costUsd > maxCostUsd;
  if (!overTokens && !overCost) return { action: 'dispatch' };
  const reason = overTokens
    ? `token budget ${maxTokens} would be exceeded (${projected.tokens} tokens with this job)`
    : `cost budget $${maxCostUsd} would be exceeded ($${projected.costUsd.toFixed(4)} with this job)`;
  if (input.waived) return { action: 'warn', reason };
  switch (input.budget.onExceed) {
    case 'stop':
      return { action: 'stop', reason };
    case 'pause':
      return { action: 'pause', reason };
    case 'warn':
      return { action: 'warn', reason };
  }
}

export function add(a: UsageAmount, b: UsageAmount): UsageAmount {
  return { tokens: a.tokens + b.tokens, costUsd: a.costUsd + b.costUsd };
}
