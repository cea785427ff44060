import { MAX_MAX_TOKENS, type ChatUsage, type PriceTable } from '@shipyard/shared/llm';

/** Fewer completion tokens than this cannot hold a useful answer: the call is refused, not paid for. */
export const MIN_COMPLETION_TOKENS = 16;

/**
 * USD held back per usage line. The orchestrator's ledger rounds each line's cost to 6 decimals (up by at
 * most 5e-7), so a job that spent its allowance to the last fraction of a micro-dollar could otherwise be
 * recorded above it.
 */
export const LEDGER_ROUNDING_USD = 1e-6;

export interface CapInput {
  allowance: { tokens: number; costUsd: number };
  /** Every call the job has paid for or is paying for: earlier deliveries, this one, calls in flight. */
  spent: readonly ChatUsage[];
  prices: PriceTable;
  /** The model the call goes to (its price bounds the call). */
  model: string;
  /** What the call's prompt counts, from `ChatModel.promptTokens`. */
  promptTokens: number;
  /** The caller's own bound on the completion, if any. */
  requestMaxTokens: number | undefined;
}

export type CapDecision =
  /** `binding`: the allowance, not the caller, set `maxTokens`, so a cut answer means it ran out. */
  { ok: true; maxTokens: number; binding: boolean } | { ok: false; reason: string };

/**
 * The most completion tokens the next call may produce so that the job's usage, priced like the ledger
 * prices it, stays within its allowance in tokens and in USD. Pure arithmetic, so it can be tested alone.
 */
export function allowanceCap(input: CapInput): CapDecision {
  const { allowance, spent, promptTokens: prompt } = input;
  const callerCap = input.requestMaxTokens ?? MAX_MAX_TOKENS;
  // A caller that asks for fewer than the minimum gets what it asked for: the allowance is not the reason.
  const needed = Math.min(MIN_COMPLETION_TOKENS, callerCap);

  const leftTokens =
    allowance.tokens - spent.reduce((sum, u) => sum + u.promptTokens + u.completionTokens, 0);
  const tokenCap = Math.floor(leftTokens - prompt);
  if (tokenCap < 0) {
    return { ok: false, reason: `its prompt alone is ${prompt} tokens and ${leftTokens} are left` };
  }
  if (tokenCap < needed) {
    return {
      ok: false,
      reason: `its ${prompt}-token prompt leaves ${tokenCap} completion tokens, fewer than the ${needed} an answer needs`,
    };
  }

  const costCap = costBound(input, prompt, needed);
  if (typeof costCap === 'string') return { ok: false, reason: costCap };

  const allowed = Math.min(tokenCap, costCap);
  return { ok: true, maxTokens: Math.min(callerCap, allowed), binding: allowed < callerCap };
}

/** Completion tokens the USD left can pay for after the prompt: a number, or why there are too few. */
function costBound(input: CapInput, prompt: number, needed: number): number | string {
  const { price } = input.prices.lookup(input.model);
  // A free model cannot add cost, whatever is left (an allowance of $0 on the offline model, say).
  if (price.prompt === 0 && price.completion === 0) return Infinity;
  const leftCost =
    input.allowance.costUsd -
    input.prices.costOf(input.spent) -
    LEDGER_ROUNDING_USD * (input.spent.length + 1);
  const promptCost = (prompt * price.prompt) / 1_000_000;
  if (promptCost > leftCost) {
    return `its ${prompt}-token prompt alone costs ${usd(promptCost)} and ${usd(Math.max(leftCost, 0))} is left`;
  }
  if (price.completion === 0) return Infinity;
  const cap = Math.floor((leftCost - promptCost) / (price.completion / 1_000_000));
  if (cap < needed) {
    return `after its ${prompt}-token prompt (${usd(promptCost)}), the ${usd(leftCost)} left pays for ${cap} completion tokens, fewer than the ${needed} an answer needs`;
  }
  return cap;
}

export function usd(amount: number): string {
  return `$${amount.toFixed(6)}`;
}
