import { DomainError } from '@shipyard/contracts';

/** A task and the tasks it waits for. */
export interface DependencyNode {
  id: string;
  dependsOn: readonly string[];
}

/**
 * The tasks of one run as a graph with `changed` replacing (or adding) its node. Returns a cycle as a list
 * of ids (first repeated at the end) or null. Iterative DFS: PM-made task trees may be deep.
 */
export function findDependencyCycle(
  tasks: readonly DependencyNode[],
  changed: DependencyNode,
): string[] | null {
  const edges = new Map<string, readonly string[]>(tasks.map((t) => [t.id, t.dependsOn]));
  edges.set(changed.id, changed.dependsOn);
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 'visiting');
    path.push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const deps = edges.get(top.id) ?? [];
      if (top.next >= deps.length) {
        state.set(top.id, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      const dep = deps[top.next++]!;
      const seen = state.get(dep);
      if (seen === 'visiting') return [...path.slice(path.indexOf(dep)), dep];
      if (seen === undefined && edges.has(dep)) {
        state.set(dep, 'visiting');
        path.push(dep);
        stack.push({ id: dep, next: 0 });
      }
    }
  }
  return null;
}

/** Throws DEPENDENCY_CYCLE, naming the cycle, when the change would make one. */
export function assertNoDependencyCycle(tasks: readonly DependencyNode[], changed: DependencyNode): void {
  const cycle = findDependencyCycle(tasks, changed);
  if (cycle) throw new DomainError('DEPENDENCY_CYCLE', 'Task dependencies would form a cycle', { cycle });
}
