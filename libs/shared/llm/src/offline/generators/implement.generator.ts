import type { ImplementOutput } from '@shipyard/contracts';
import { OFFLINE_LABEL } from '../offline-identity';
import type { GenerationContext } from './generation-context';
import { taskOrFallback } from './task-or-fallback';
import { buildTypescriptModule, steeringNotes } from './typescript-module.builder';

/** Developer, first implementation: a module and its spec derived from the task. */
export function implement({ job, markerText }: GenerationContext): ImplementOutput {
  const task = taskOrFallback(job);
  const files = buildTypescriptModule(task, false, steeringNotes(markerText));
  return {
    summary: `${OFFLINE_LABEL}: implemented ${task.key} "${task.title}" in ${files.map((f) => f.path).join(' and ')}.`,
    files,
  };
}
