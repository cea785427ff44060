import type { StoredTask } from '../../ports/task-store.port';
import type { PendingJob, TaskStage, TaskState } from '../state';

/** The stored tree as graph state: ids, links and counters only (texts stay in the task store). */
export function toTaskStates(stored: readonly StoredTask[]): {
  tasks: Record<string, TaskState>;
  order: string[];
} {
  const parents = new Set(stored.flatMap((t) => (t.parentId === null ? [] : [t.parentId])));
  const tasks: Record<string, TaskState> = {};
  for (const task of stored) {
    tasks[task.id] = {
      id: task.id,
      key: task.key,
      title: task.title.slice(0, 200),
      parentId: task.parentId,
      dependsOn: [...task.dependsOn],
      leaf: !parents.has(task.id),
      stage: 'dev',
      jobs: 0,
      reviewIterations: 0,
      fixCycles: 0,
      failedJobs: 0,
      artifact: null,
      openFindings: [],
      reason: null,
    };
  }
  return { tasks, order: stored.map((t) => t.id) };
}

const ACTIVE: readonly TaskStage[] = ['dev', 'review', 'fix', 'qa'];

/**
 * Leaf tasks that need a job now: in an active stage, no job of theirs in flight, and everything they
 * wait for done (their own dependencies and those of their ancestors). In plan order, so dispatch order
 * is stable across re-runs.
 */
export function tasksNeedingJob(
  tasks: Readonly<Record<string, TaskState>>,
  order: readonly string[],
  pending: Readonly<Record<string, PendingJob>>,
): TaskState[] {
  const busy = new Set(Object.values(pending).flatMap((job) => (job.taskId === null ? [] : [job.taskId])));
  return order.flatMap((id) => {
    const task = tasks[id];
    if (!task?.leaf || !ACTIVE.includes(task.stage) || busy.has(id)) return [];
    return waitsFor(tasks, task).every((dep) => tasks[dep]?.stage === 'done') ? [task] : [];
  });
}

function waitsFor(tasks: Readonly<Record<string, TaskState>>, task: TaskState): string[] {
  const deps = [...task.dependsOn];
  for (let parent = task.parentId; parent !== null; parent = tasks[parent]?.parentId ?? null) {
    deps.push(...(tasks[parent]?.dependsOn ?? []));
  }
  return deps;
}

/**
 * A parent's stage follows its children: done when all are done, failed when one failed, else in
 * progress. Deepest parents first, so a grandparent sees its children's new stage.
 */
export function withParentStages(tasks: Readonly<Record<string, TaskState>>): Record<string, TaskState> {
  const next = { ...tasks };
  const depth = (t: TaskState): number => {
    const parent = t.parentId === null ? undefined : next[t.parentId];
    return parent ? 1 + depth(parent) : 0;
  };
  const parents = Object.values(next)
    .filter((t) => !t.leaf)
    .sort((a, b) => depth(b) - depth(a));
  for (const parent of parents) {
    const children = Object.values(next).filter((t) => t.parentId === parent.id);
    const stage: TaskStage = children.some((c) => c.stage === 'failed')
      ? 'failed'
      : children.every((c) => c.stage === 'done')
        ? 'done'
        : 'dev';
    if (stage !== parent.stage) next[parent.id] = { ...parent, stage };
  }
  return next;
}
