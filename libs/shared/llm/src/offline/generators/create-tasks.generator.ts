import type { CreateTasksOutput, PlannedTask } from '@shipyard/contracts';
import { readRequirementLines } from '../job-input.reader';
import { OFFLINE_LABEL } from '../offline-identity';
import { keywords, kebabCase, shorten } from '../text.utils';
import type { GenerationContext } from './generation-context';

const MIN_DEFAULT_TASKS = 2;
const MAX_DEFAULT_TASKS = 8;

/**
 * PM: one task per requirement statement (or `[offline:tasks=N]`), grouped into dependency chains of
 * `[offline:chain-length=K]` (default 2): T1, T2 -> T1, T3, T4 -> T3, ... so some tasks run in parallel
 * and some wait. Steering markers are copied into every description so later jobs about a task see them.
 */
export function createTasks({ job, markers, markerText }: GenerationContext): CreateTasksOutput {
  const statements = readRequirementLines(job.input);
  const lines = statements.length > 0 ? statements : ['Deliver what the request describes'];
  const count = markers.tasks ?? Math.min(MAX_DEFAULT_TASKS, Math.max(MIN_DEFAULT_TASKS, lines.length));
  const tasks: PlannedTask[] = [];
  for (let i = 0; i < count; i++) {
    const line = lines[i % lines.length] ?? lines[0] ?? '';
    const part = count > lines.length ? ` (part ${Math.floor(i / lines.length) + 1})` : '';
    const key = `T${i + 1}`;
    const startsChain = i % markers.chainLength === 0;
    const dependsOn = startsChain ? [] : [`T${i}`];
    const module = kebabCase(keywords(line));
    const steering = markerText.length > 0 ? `\nOffline steering: ${markerText.join(' ')}` : '';
    tasks.push({
      key,
      title: `Implement ${shorten(line, 8)}${part}`,
      description:
        `${line}${part}\nDeliver it as the module src/${module}.ts with a spec beside it.` +
        `${startsChain ? '' : ` Builds on ${dependsOn[0]}.`}\nPlanned by the ${OFFLINE_LABEL}.${steering}`,
      dependsOn,
      acceptanceCriteria: [
        `src/${module}.ts rejects empty and over-long input with a clear error message`,
        `The behaviour "${shorten(line, 10)}" is covered by unit tests that pass`,
        'Exported functions and types are documented and strictly typed',
        ...(startsChain ? [] : [`Works with the result of ${dependsOn[0]}`]),
      ],
    });
  }
  return { tasks };
}
