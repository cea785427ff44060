import type { AgentJob } from '@shipyard/contracts';

/**
 * A short human name for what a job works on, for comment headings: the task's key and title when the
 * input carries a task (`input.task`), else the kind. Input is the orchestrator's free-form object, so
 * every field is checked before use.
 */
export function jobSubjectLine(job: AgentJob): string {
  const task = job.input['task'];
  if (typeof task === 'object' && task !== null && !Array.isArray(task)) {
    const { key, title } = task as Record<string, unknown>;
    const name = [typeof key === 'string' ? key : '', typeof title === 'string' ? title : '']
      .filter(Boolean)
      .join(': ');
    if (name) return name.slice(0, 200);
  }
  return job.kind;
}

/** The review or fix round the input names (`round`, else `iteration`), or undefined. */
export function jobRound(job: AgentJob): number | undefined {
  for (const field of ['round', 'iteration']) {
    const value = job.input[field];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  return undefined;
}
