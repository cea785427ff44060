import type { ImplementOutput } from '@shipyard/contracts';
import { readFindings } from '../job-input.reader';
import { OFFLINE_LABEL } from '../offline-identity';
import { shorten } from '../text.utils';
import type { GenerationContext } from './generation-context';
import { taskOrFallback } from './task-or-fallback';
import { buildTypescriptModule, steeringNotes } from './typescript-module.builder';

/** Developer, fix cycle: the module again with the length bound and a test for it, naming what it addresses. */
export function fix({ job, markerText }: GenerationContext): ImplementOutput {
  const task = taskOrFallback(job);
  const findings = readFindings(job.input);
  const notes = findings.map((f) => `Addresses (${f.severity}): ${shorten(f.message, 24)}`);
  const files = buildTypescriptModule(task, true, [...notes, ...steeringNotes(markerText)]);
  const what = findings.length > 0 ? `${findings.length} finding(s)` : 'the reported problems';
  return {
    summary: `${OFFLINE_LABEL}: fixed ${what} for ${task.key} "${task.title}"; input length is now bounded and tested.`,
    files,
  };
}
