import type { TestOutput } from '@shipyard/contracts';
import { readFiles } from '../job-input.reader';
import { OFFLINE_LABEL } from '../offline-identity';
import type { GenerationContext } from './generation-context';
import { taskOrFallback } from './task-or-fallback';
import { moduleNamesFor } from './typescript-module.builder';

/**
 * QA: counts the `it(` cases in the spec files it is given (or assumes one per acceptance criterion) and
 * reports failures for the first `[offline:qa-failures=N]` rounds (default 0).
 */
export function testChange({ job, markers, round }: GenerationContext): TestOutput {
  const files = readFiles(job.input);
  const task = taskOrFallback(job);
  const counted = files
    .filter((f) => /\.(spec|test)\.ts$/.test(f.path))
    .reduce((sum, f) => sum + (f.content.match(/\bit\(/g)?.length ?? 0), 0);
  const testsRun = counted > 0 ? counted : Math.max(1, task.acceptanceCriteria.length);
  if (round > markers.qaFailures) return { passed: true, testsRun, failures: [] };
  const spec = files.find((f) => /\.(spec|test)\.ts$/.test(f.path))?.path ?? moduleNamesFor(task).spec;
  return {
    passed: false,
    testsRun,
    failures: [
      `${OFFLINE_LABEL}, test round ${round}: ${spec} > rejects a value longer than the maximum: expected ok to be false, received true`,
    ],
  };
}
