export type ReviewDecision = { next: 'qa' } | { next: 'fix' } | { next: 'failed'; reason: string };

/**
 * Where a task goes after the lead's verdict. `round` is this review's number (1-based); the task may
 * have at most `maxIterations` rounds, so a rejection in the last one fails the task.
 */
export function afterReview(input: {
  approved: boolean;
  round: number;
  maxIterations: number;
  findings: number;
}): ReviewDecision {
  if (input.approved) return { next: 'qa' };
  if (input.round < input.maxIterations) return { next: 'fix' };
  return {
    next: 'failed',
    reason: `lead review rejected the task in round ${input.round} of ${input.maxIterations} (${input.findings} findings open)`,
  };
}
