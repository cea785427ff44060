import { randomUUID } from 'node:crypto';
import type { PlannedTask, TaskStatus } from '@shipyard/contracts';
import type { StoredTask, TaskStore } from '../task-store.port';

interface RunTasks {
  tasks: StoredTask[];
  statuses: Map<string, TaskStatus>;
}

export class InMemoryTaskStore implements TaskStore {
  /** Every status write in order (repeats included), for assertions on the audit trail. */
  readonly history: { taskId: string; status: TaskStatus; reason?: string }[] = [];
  private readonly runs = new Map<string, RunTasks>();

  savePlan(scope: { runId: string }, plan: PlannedTask[]): Promise<StoredTask[]> {
    const existing = this.runs.get(scope.runId);
    if (existing) return Promise.resolve(structuredClone(existing.tasks));
    const ids = new Map(plan.map((task) => [task.key, randomUUID()]));
    const idOf = (key: string): string => {
      const id = ids.get(key);
      if (!id) throw new Error(`plan refers to unknown task key ${key}`);
      return id;
    };
    const tasks = plan.map((task) => ({
      id: idOf(task.key),
      key: task.key,
      parentId: task.parentKey === undefined ? null : idOf(task.parentKey),
      title: task.title,
      description: task.description,
      acceptanceCriteria: [...task.acceptanceCriteria],
      dependsOn: task.dependsOn.map(idOf),
    }));
    this.runs.set(scope.runId, { tasks, statuses: new Map(tasks.map((t) => [t.id, 'PENDING' as const])) });
    return Promise.resolve(structuredClone(tasks));
  }

  get(scope: { runId: string }, taskId: string): Promise<StoredTask> {
    const task = this.runs.get(scope.runId)?.tasks.find((t) => t.id === taskId);
    if (!task) return Promise.reject(new Error(`task ${taskId} not found in run ${scope.runId}`));
    return Promise.resolve(structuredClone(task));
  }

  setStatus(scope: { runId: string }, taskId: string, status: TaskStatus, reason?: string): Promise<void> {
    const run = this.runs.get(scope.runId);
    if (!run?.statuses.has(taskId)) return Promise.reject(new Error(`task ${taskId} not found`));
    run.statuses.set(taskId, status);
    this.history.push({ taskId, status, ...(reason === undefined ? {} : { reason }) });
    return Promise.resolve();
  }

  statusOf(runId: string, taskId: string): TaskStatus | undefined {
    return this.runs.get(runId)?.statuses.get(taskId);
  }
}
