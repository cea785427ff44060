import type { BudgetConfig } from '@shipyard/contracts';
import type { RunControlState } from '../../ports/run-control.port';
import type { Hold } from '../state';

export type HoldReleaseDecision =
  | { action: 'keep' }
  /** `waiveBudget`: the user resumed past a budget pause, so the budget only warns from now on. */
  | { action: 'release'; waiveBudget: boolean };

/**
 * Whether a hold ends. A user pause ends when no pause is requested any more. A budget pause ends when a
 * user changed the budget's limits (the gate then checks again against the new ones and may hold anew) or
 * resumed the run as it is (the budget then only warns). The change is looked at first: the API changes a
 * budget only with a resume, so a resume that carries new limits must not count as "resume as it is", or
 * the budget a user just raised would never hold. A pending user pause keeps any hold, so a resume meant for
 * the budget does not undo the user's pause.
 */
export function holdRelease(
  hold: Hold,
  control: RunControlState,
  budgetNow: BudgetConfig,
): HoldReleaseDecision {
  if (control.requested === 'pause') return { action: 'keep' };
  if (hold.reason === 'user') return { action: 'release', waiveBudget: false };
  if (budgetKey(budgetNow) !== hold.budgetKey) return { action: 'release', waiveBudget: false };
  if (control.resumeSeq > hold.resumeSeq) return { action: 'release', waiveBudget: true };
  return { action: 'keep' };
}

/** A budget's identity for "did a user change it": its limits, not its action. */
export function budgetKey(budget: BudgetConfig): string {
  return `${budget.maxTokens}/${budget.maxCostUsd}`;
}
