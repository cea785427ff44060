import type { PlannedTask, TaskStatus } from '@shipyard/contracts';
import type { StoredTask, TaskDetails, TaskStore } from '../ports/task-store.port';
import { deterministicUuid } from '../db/deterministic-uuid';
import { lockLiveRun } from '../db/live-run.guard';
import { named, type PgDatabase } from '../db/pg-database';
import { runScopedKey } from './run-scoped-key';

/**
 * The run's task tree in project-service's `tasks` table. Task ids are derived from (run, plan key), so
 * saving the same plan again (the node re-ran after a crash) inserts nothing new and returns the same ids.
 */
export class PgTaskStore implements TaskStore {
  constructor(private readonly db: PgDatabase) {}

  async savePlan(scope: { tenantId: string; runId: string }, plan: PlannedTask[]): Promise<StoredTask[]> {
    const idOf = (key: string): string => deterministicUuid(scope.runId, 'task', key);
    const tree: StoredTask[] = plan.map((task) => ({
      id: idOf(task.key),
      key: task.key,
      parentId: task.parentKey === undefined ? null : idOf(task.parentKey),
      title: task.title,
      description: task.description,
      acceptanceCriteria: [...task.acceptanceCriteria],
      dependsOn: task.dependsOn.map(idOf),
    }));
    await this.db.transaction(async (tx) => {
      if (!(await lockLiveRun(tx, scope.runId, this.db))) return;
      // Parents first: a child's row references its parent's.
      for (const task of parentsFirst(tree)) {
        await tx.query(
          `INSERT INTO tasks (id, tenant_id, run_id, parent_task_id, title, description, depends_on, acceptance_criteria)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (id) DO NOTHING`,
          [
            task.id,
            scope.tenantId,
            scope.runId,
            task.parentId,
            task.title.slice(0, 500),
            task.description,
            task.dependsOn,
            JSON.stringify(task.acceptanceCriteria),
          ],
        );
      }
    });
    return tree;
  }

  async get(scope: { tenantId: string; runId: string }, taskId: string): Promise<TaskDetails> {
    const pending = this.prefetched()?.get(runScopedKey(scope, taskId));
    const [row] = await (pending ?? this.read(scope, taskId));
    if (!row) throw new Error(`task ${taskId} not found in run ${scope.runId}`);
    return {
      id: row.id,
      parentId: row.parent_task_id,
      title: row.title,
      description: row.description,
      acceptanceCriteria: row.acceptance_criteria,
      dependsOn: row.depends_on,
    };
  }

  /**
   * Reads a task ahead, in the same write as the step's fencing read (see RunExecutor): the job the step
   * sends next is usually about the task whose result it applies (review after implement, tests after
   * review), and `get` then finds the row already there instead of waiting a round trip for it.
   */
  prefetch(scope: { tenantId: string; runId: string }, taskId: string): void {
    const prefetched = this.prefetched();
    const key = runScopedKey(scope, taskId);
    if (!prefetched || prefetched.has(key)) return;
    const read = this.read(scope, taskId);
    // Read by `get` if the step asks; a failure nobody reads fails the COMMIT it went with.
    read.catch(() => undefined);
    prefetched.set(key, read);
  }

  private prefetched(): Map<string, Promise<TaskRow[]>> | undefined {
    return this.db.currentUnit()?.local(this, () => new Map<string, Promise<TaskRow[]>>());
  }

  /** The task's row, sent without waiting inside a unit (pipelined), run at once outside one. */
  private async read(scope: { tenantId: string; runId: string }, taskId: string): Promise<TaskRow[]> {
    const { answer } = await this.db.send<TaskRow>(
      this.db,
      named(
        'task-get',
        `SELECT id, parent_task_id, title, description, acceptance_criteria, depends_on
           FROM tasks WHERE id = $1 AND run_id = $2 AND tenant_id = $3`,
      ),
      [taskId, scope.runId, scope.tenantId],
    );
    return answer;
  }

  async setStatus(
    scope: { tenantId: string; runId: string },
    taskId: string,
    status: TaskStatus,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await lockLiveRun(tx, scope.runId, this.db))) return;
      // Nothing in the step depends on its answer: sent, and checked at COMMIT.
      await this.db.send(
        tx,
        named(
          'task-status',
          `UPDATE tasks SET status = $4, updated_at = clock_timestamp()
         WHERE id = $1 AND run_id = $2 AND tenant_id = $3 AND status <> $4`,
        ),
        [taskId, scope.runId, scope.tenantId, status],
      );
    });
  }
}

interface TaskRow {
  id: string;
  parent_task_id: string | null;
  title: string;
  description: string;
  acceptance_criteria: string[];
  depends_on: string[];
}

function parentsFirst(tasks: StoredTask[]): StoredTask[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const out: StoredTask[] = [];
  const seen = new Set<string>();
  const visit = (task: StoredTask): void => {
    if (seen.has(task.id)) return;
    seen.add(task.id);
    const parent = task.parentId === null ? undefined : byId.get(task.parentId);
    if (parent) visit(parent);
    out.push(task);
  };
  tasks.forEach(visit);
  return out;
}
