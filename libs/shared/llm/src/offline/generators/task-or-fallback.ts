import type { PromptedJob } from '../../prompts/prompted-job';
import { readRequirementsText, readTask, type TaskInfo } from '../job-input.reader';
import { stripMarkers } from '../offline-markers';
import { shorten } from '../text-tools';

/** The job's task, or one made up from the requirement text when the input names no task. */
export function taskOrFallback(job: PromptedJob): TaskInfo {
  const task = readTask(job.input);
  if (task) return task;
  const text = stripMarkers(readRequirementsText(job.input)).trim() || 'Deliver the requested feature';
  return { key: 'task', title: shorten(text, 8), description: text, acceptanceCriteria: [] };
}
