/** Retries a job that failed retryably, up to this many failures per task or step. */
export const MAX_RETRYABLE_FAILURES = 2;

export type JobFailureDecision = { next: 'retry' } | { next: 'failed'; reason: string };

/**
 * An agent reported `failed`. A non-retryable failure (bad input, or a job the transport dead-lettered)
 * fails its task or step at once; a retryable one is sent again as a new attempt while retries remain.
 */
export function afterJobFailure(input: {
  retryable: boolean;
  failuresSoFar: number;
  message: string;
}): JobFailureDecision {
  if (input.retryable && input.failuresSoFar < MAX_RETRYABLE_FAILURES) return { next: 'retry' };
  const why = input.retryable ? `failed ${input.failuresSoFar + 1} times` : 'failed (not retryable)';
  return { next: 'failed', reason: `job ${why}: ${input.message}` };
}
