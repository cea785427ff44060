import type { BudgetConfig, JobAllowance, JobKind } from '@shipyard/contracts';
import type { JobSizing, UsageAmount } from '../../ports/ledger.port';

export interface JobAllowanceInput {
  budget: BudgetConfig;
  /** What the ledger has recorded for the run. */
  spent: UsageAmount;
  /** What the jobs already in flight hold (their allowances, or their estimates where not capped). */
  inFlight: UsageAmount;
  /** The job about to be sent, which the budget gate has let through. */
  sizing: JobSizing;
  /** A user resumed the run past its budget: the budget only warns. */
  waived: boolean;
}

/**
 * The most a job may spend: its ceiling, or what the budget has left after what is spent and what the jobs
 * in flight hold, whichever is less. Reserving it while the job is in flight, and the agent stopping the job
 * there, is what makes the budget a bound rather than a forecast. Null when nothing is to be capped: a budget
 * that only warns (`warn`, or waived by a user), or a job with no estimate to size it by.
 */
export function jobAllowance(input: JobAllowanceInput): JobAllowance | null {
  const { budget, spent, inFlight, sizing } = input;
  if (input.waived || budget.onExceed === 'warn' || sizing.expected.tokens <= 0) return null;
  const tokensLeft = budget.maxTokens - spent.tokens - inFlight.tokens;
  const costLeft = budget.maxCostUsd - spent.costUsd - inFlight.costUsd;
  return {
    tokens: Math.max(1, Math.floor(Math.min(tokensLeft, sizing.ceiling.tokens))),
    costUsd: Math.max(0, microDollarsDown(Math.min(costLeft, sizing.ceiling.costUsd))),
  };
}

/** Rounded down to the micro-dollar the ledger records, so a reservation never exceeds what is left. */
function microDollarsDown(usd: number): number {
  return Math.floor(usd * 1e6) / 1e6;
}

/** Whether an allowance leaves the job at least what it is expected to spend. */
export function covers(allowance: JobAllowance, expected: UsageAmount): boolean {
  return allowance.tokens >= expected.tokens && allowance.costUsd >= microDollarsDown(expected.costUsd);
}

/** What a job in flight holds of the budget: its allowance where it has one, its estimate otherwise. */
export function heldBy(job: { estimate: UsageAmount; allowance?: JobAllowance | null }): UsageAmount {
  return job.allowance ? { tokens: job.allowance.tokens, costUsd: job.allowance.costUsd } : job.estimate;
}

/** A sizing scaled for a kind of job that has stopped at its allowance before (see `BudgetFlags.scales`). */
export function scaledSizing(sizing: JobSizing, scale: number): JobSizing {
  const times = (amount: UsageAmount): UsageAmount => ({
    tokens: Math.ceil(amount.tokens * scale),
    costUsd: amount.costUsd * scale,
  });
  return { expected: times(sizing.expected), ceiling: times(sizing.ceiling) };
}

/**
 * How many times its configured estimate a kind of job is expected to take. A kind that has stopped at its
 * allowance has its own scale; one that has not starts from the largest any kind has needed, since what made
 * one kind overrun (a chattier model, a token multiplier) usually holds for the others.
 */
export function scaleFor(scales: Partial<Record<JobKind, number>> | undefined, kind: JobKind): number {
  return scales?.[kind] ?? Math.max(1, ...Object.values(scales ?? {}));
}
