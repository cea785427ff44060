import type { StoredTask } from '../../ports/task-store.port';
import type { PendingJob, TaskStage, TaskState } from '../state';
import { tasksNeedingJob, toTaskStates, withParentStages } from './task-tree';

const stored = (id: string, dependsOn: string[] = [], parentId: string | null = null): StoredTask => ({
  id,
  key: id.toUpperCase(),
  parentId,
  title: id,
  description: id,
  acceptanceCriteria: [],
  dependsOn,
});
/** A copy of `tasks` with the given tasks moved to `stage`. */
const staged = (
  tasks: Record<string, TaskState>,
  stage: TaskStage,
  ...ids: string[]
): Record<string, TaskState> => {
  const next = { ...tasks };
  for (const id of ids) {
    const task = tasks[id];
    if (!task) throw new Error(`no task ${id}`);
    next[id] = { ...task, stage };
  }
  return next;
};
const pendingFor = (taskId: string): Record<string, PendingJob> => ({
  j: {
    jobId: 'j',
    node: 'dev_work_cycle',
    role: 'developer',
    kind: 'implement',
    taskId,
    attempt: 1,
    estimate: { tokens: 0, costUsd: 0 },
  },
});

describe('task tree', () => {
  // a, b independent; c needs a and b; parent p groups p1 and p2 and needs a.
  const plan = [
    stored('a'),
    stored('b'),
    stored('c', ['a', 'b']),
    stored('p', ['a']),
    stored('p1', [], 'p'),
    stored('p2', ['p1'], 'p'),
  ];

  it('marks parents as non-leaves and starts every task in dev', () => {
    const { tasks, order } = toTaskStates(plan);
    expect(order).toEqual(['a', 'b', 'c', 'p', 'p1', 'p2']);
    expect(
      Object.values(tasks)
        .filter((t) => !t.leaf)
        .map((t) => t.id),
    ).toEqual(['p']);
    expect(new Set(Object.values(tasks).map((t) => t.stage))).toEqual(new Set(['dev']));
  });

  it('offers every ready leaf at once, in plan order, and nothing that waits', () => {
    const { tasks, order } = toTaskStates(plan);
    expect(tasksNeedingJob(tasks, order, {}).map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('skips a task with a job in flight', () => {
    const { tasks, order } = toTaskStates(plan);
    expect(tasksNeedingJob(tasks, order, pendingFor('a')).map((t) => t.id)).toEqual(['b']);
  });

  it('releases dependants as their dependencies finish, including those inherited from a parent', () => {
    const { tasks, order } = toTaskStates(plan);
    expect(tasksNeedingJob(staged(tasks, 'done', 'a'), order, {}).map((t) => t.id)).toEqual(['b', 'p1']);
    expect(tasksNeedingJob(staged(tasks, 'done', 'a', 'b'), order, {}).map((t) => t.id)).toEqual(['c', 'p1']);
  });

  it('offers tasks in review, fix and QA too, never done or failed ones', () => {
    const { tasks, order } = toTaskStates([stored('a'), stored('b'), stored('c'), stored('d'), stored('e')]);
    let mixed = staged(tasks, 'review', 'a');
    mixed = staged(mixed, 'fix', 'b');
    mixed = staged(mixed, 'qa', 'c');
    mixed = staged(mixed, 'done', 'd');
    mixed = staged(mixed, 'failed', 'e');
    expect(tasksNeedingJob(mixed, order, {}).map((t) => t.id)).toEqual(['a', 'b', 'c']);
  });

  it('lets a parent follow its children', () => {
    const { tasks } = toTaskStates(plan);
    const oneDone = withParentStages(staged(tasks, 'done', 'p1'));
    expect(oneDone['p']?.stage).toBe('dev');
    expect(withParentStages(staged(oneDone, 'done', 'p2'))['p']?.stage).toBe('done');
    expect(withParentStages(staged(oneDone, 'failed', 'p2'))['p']?.stage).toBe('failed');
  });
});
