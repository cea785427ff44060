import type { TaskView } from '@shipyard/contracts';

/**
 * The run's task tree as the platform stored it: children under their parent, each task with its status,
 * role, and the tasks it waits for (by their position in this listing, `#n`, since ids mean nothing to a
 * person). Tasks whose parent is not in the list are shown at the top level rather than dropped.
 */
export function formatTaskTree(tasks: TaskView[]): string[] {
  const byParent = new Map<string | null, TaskView[]>();
  const ids = new Set(tasks.map((task) => task.id));
  for (const task of tasks) {
    const parent = task.parentTaskId && ids.has(task.parentTaskId) ? task.parentTaskId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), task]);
  }
  const numbers = new Map<string, number>();
  const ordered: { task: TaskView; depth: number }[] = [];
  const visit = (parent: string | null, depth: number): void => {
    for (const task of byParent.get(parent) ?? []) {
      numbers.set(task.id, ordered.length + 1);
      ordered.push({ task, depth });
      visit(task.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered.map(({ task, depth }) => {
    const waits = task.dependsOn.map((id) => `#${numbers.get(id) ?? '?'}`);
    const role = task.assignedRole ? ` [${task.assignedRole}]` : '';
    const after = waits.length > 0 ? `  after ${waits.join(', ')}` : '';
    return `  #${String(numbers.get(task.id)).padEnd(3)} ${'  '.repeat(depth)}${task.status.padEnd(12)} ${task.title}${role}${after}`;
  });
}
