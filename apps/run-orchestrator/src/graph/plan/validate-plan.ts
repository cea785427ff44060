import type { PlannedTask } from '@shipyard/contracts';

export const MAX_PLANNED_TASKS = 200;

/**
 * Checks the PM's plan before it becomes the task tree: at least one task, unique keys, links to known
 * keys only, no task depending on itself or its own ancestor, and no cycle through dependencies and
 * parent links. Returns every problem found, not just the first.
 */
export function validatePlan(plan: readonly PlannedTask[]): string[] {
  const errors: string[] = [];
  if (plan.length === 0) errors.push('the plan has no tasks');
  if (plan.length > MAX_PLANNED_TASKS)
    errors.push(`the plan has ${plan.length} tasks (max ${MAX_PLANNED_TASKS})`);
  const keys = new Set<string>();
  for (const task of plan) {
    if (keys.has(task.key)) errors.push(`task key ${task.key} is used twice`);
    keys.add(task.key);
  }
  for (const task of plan) {
    if (task.parentKey !== undefined && !keys.has(task.parentKey)) {
      errors.push(`task ${task.key} has unknown parent ${task.parentKey}`);
    }
    for (const dep of task.dependsOn) {
      if (!keys.has(dep)) errors.push(`task ${task.key} depends on unknown task ${dep}`);
      if (dep === task.key) errors.push(`task ${task.key} depends on itself`);
    }
  }
  if (errors.length === 0) {
    const cycle = findCycle(plan);
    if (cycle) errors.push(`dependency cycle: ${cycle.join(' -> ')}`);
  }
  return errors;
}

/**
 * A task must wait for its dependencies and for everything its ancestors wait for; a parent waits for its
 * children. Any cycle through those edges can never finish.
 */
function findCycle(plan: readonly PlannedTask[]): string[] | null {
  const edges = new Map<string, string[]>(plan.map((t) => [t.key, [...t.dependsOn]]));
  for (const task of plan) {
    if (task.parentKey !== undefined) edges.get(task.parentKey)?.push(task.key);
  }
  const inherited = (key: string): string[] => {
    const parent = plan.find((t) => t.key === key)?.parentKey;
    return parent === undefined
      ? []
      : [...(plan.find((t) => t.key === parent)?.dependsOn ?? []), ...inherited(parent)];
  };
  for (const task of plan) edges.get(task.key)?.push(...inherited(task.key).filter((k) => k !== task.key));

  const state = new Map<string, 'open' | 'closed'>();
  const path: string[] = [];
  const visit = (key: string): string[] | null => {
    if (state.get(key) === 'closed') return null;
    if (state.get(key) === 'open') return [...path.slice(path.indexOf(key)), key];
    state.set(key, 'open');
    path.push(key);
    for (const next of edges.get(key) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(key, 'closed');
    return null;
  };
  for (const task of plan) {
    const found = visit(task.key);
    if (found) return found;
  }
  return null;
}
