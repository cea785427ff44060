import { DomainError } from '@shipyard/contracts';

/** How long a retryable failure waits before the next delivery (client-side `nak(delay)`). */
export interface RetryBackoffPolicy {
  /** Delay after the first failed delivery. */
  baseMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
  /**
   * Fraction (0..1) of each delay that is randomised downwards, so that jobs which failed together (a model
   * endpoint was down) do not all come back in the same millisecond.
   */
  jitter: number;
}

export const DEFAULT_RETRY_BACKOFF: RetryBackoffPolicy = { baseMs: 1000, maxMs: 60_000, jitter: 0.2 };

export function assertRetryBackoffPolicy(policy: RetryBackoffPolicy): void {
  const problems: string[] = [];
  if (!Number.isInteger(policy.baseMs) || policy.baseMs < 0) problems.push('baseMs must be an integer >= 0');
  if (!Number.isInteger(policy.maxMs) || policy.maxMs < policy.baseMs)
    problems.push('maxMs must be an integer >= baseMs');
  if (!(policy.jitter >= 0 && policy.jitter <= 1)) problems.push('jitter must be within 0..1');
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'Invalid retry backoff policy', [
      { path: 'retryBackoff', messages: problems },
    ]);
  }
}

/**
 * Exponential delay for the retry after delivery `deliveryCount` failed: base, 2*base, 4*base ... capped at
 * maxMs, minus up to `jitter` of it. `random` is injectable so tests are deterministic.
 */
export function retryDelayMs(
  deliveryCount: number,
  policy: RetryBackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(deliveryCount - 1, 30));
  const raw = Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
  return Math.round(raw * (1 - policy.jitter * random()));
}
