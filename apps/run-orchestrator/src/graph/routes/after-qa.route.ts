export type QaDecision = { next: 'done' } | { next: 'fix' } | { next: 'failed'; reason: string };

/**
 * Where a task goes after QA. Failing tests send it back to a developer fix (which is reviewed again);
 * fix cycles per task share the review bound, so a task that never passes QA cannot loop forever.
 */
export function afterQa(input: {
  passed: boolean;
  fixCycles: number;
  maxFixCycles: number;
  failures: number;
}): QaDecision {
  if (input.passed) return { next: 'done' };
  if (input.fixCycles < input.maxFixCycles) return { next: 'fix' };
  return {
    next: 'failed',
    reason: `QA failed (${input.failures} failures) after ${input.fixCycles} of ${input.maxFixCycles} fix cycles`,
  };
}
