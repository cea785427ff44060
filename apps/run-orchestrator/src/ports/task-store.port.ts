import type { PlannedTask, TaskStatus } from '@shipyard/contracts';

/** A persisted task as the graph needs it to build a job's input. */
export interface StoredTask {
  id: string;
  key: string;
  parentId: string | null;
  title: string;
  description: string;
  acceptanceCriteria: string[];
  /** Task ids (not plan keys) this task waits for. */
  dependsOn: string[];
}

export type TaskDetails = Omit<StoredTask, 'key'>;

/** The run's task tree (in production: project-service's tasks table). */
export interface TaskStore {
  /**
   * Persists the PM's plan as the run's task tree and returns it with ids, in plan order.
   * Idempotent by run: a second call for the same run returns the tree the first call created.
   */
  savePlan(scope: { tenantId: string; runId: string }, plan: PlannedTask[]): Promise<StoredTask[]>;
  /**
   * A task's texts for a job's input. Without its plan key: the `tasks` table has no column for it and the
   * graph's state already holds it.
   */
  get(scope: { tenantId: string; runId: string }, taskId: string): Promise<TaskDetails>;
  /** Records a task's status; repeating the same status (after a retry) must be harmless. */
  setStatus(
    scope: { tenantId: string; runId: string },
    taskId: string,
    status: TaskStatus,
    reason?: string,
  ): Promise<void>;
}
