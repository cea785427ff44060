import type { ReviewFinding, ReviewOutput } from '@shipyard/contracts';
import { readFiles } from '../job-input.reader';
import { OFFLINE_LABEL } from '../offline-identity';
import type { GenerationContext } from './generation-context';
import { taskOrFallback } from './task-or-fallback';
import { moduleNamesFor } from './typescript-module.builder';

/** Low-severity remarks; which one a review makes varies by job but is fixed for a given job. */
const NITS = [
  "consider documenting the module's exported result type.",
  'consider naming the length limit instead of repeating the number.',
  'consider a table-driven test for the edge cases.',
  'consider returning a readonly errors array.',
] as const;

/**
 * Lead: rejects the first `[offline:review-rejects=N]` rounds (default 1) of a task with findings about
 * the files under review, then approves, so a run exercises the review and fix loop.
 */
export function review({ job, markers, round, random }: GenerationContext): ReviewOutput {
  if (round > markers.reviewRejects) return { approved: true, findings: [] };
  const files = readFiles(job.input);
  const names = moduleNamesFor(taskOrFallback(job));
  const source =
    files.find((f) => f.path.endsWith('.ts') && !/\.(spec|test)\.ts$/.test(f.path))?.path ?? names.file;
  const spec = files.find((f) => /\.(spec|test)\.ts$/.test(f.path))?.path ?? names.spec;
  const prefix = `${OFFLINE_LABEL}, review round ${round}:`;
  const byRound: ReviewFinding[] = [
    {
      severity: 'high',
      path: source,
      message: `${prefix} the input length is not bounded, so arbitrarily large values are accepted; refuse values over a documented maximum.`,
    },
    {
      severity: 'medium',
      path: spec,
      message: `${prefix} no test covers the rejection of over-long input; add one that pins the error message.`,
    },
    {
      severity: 'medium',
      path: source,
      message: `${prefix} error messages are not consistent with the acceptance criteria wording; align them.`,
    },
  ];
  const main = byRound[Math.min(round, byRound.length) - 1] ?? byRound[0];
  return {
    approved: false,
    findings: [
      ...(main ? [main] : []),
      { severity: 'low', path: source, message: `${prefix} ${random.pick(NITS)}` },
    ],
  };
}
