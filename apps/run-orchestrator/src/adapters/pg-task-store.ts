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
      // One statement for the whole tree, sent without waiting inside a step (checked at its COMMIT): a row
      // per round trip made planning the slowest step of a run. The parent reference is checked at the end
      // of the statement, so the order is only for created_at, which lists the tree as planned (parents
      // first); `ord` microseconds keep the timestamps distinct within the one statement.
      await this.db.send(
        tx,
        named(
          'tasks-save-plan',
          `INSERT INTO tasks (id, tenant_id, run_id, parent_task_id, title, description, depends_on,
                              acceptance_criteria, created_at, updated_at)
           SELECT t.id, $1::uuid, $2::uuid, t.parent_id, left(t.title, 500), t.description,
                  ARRAY(SELECT jsonb_array_elements_text(t.depends_on))::uuid[], t.acceptance_criteria,
                  clock_timestamp() + t.ord * interval '1 microsecond', clock_timestamp()
             FROM jsonb_to_recordset($3::jsonb)
                  AS t(ord int, id uuid, parent_id uuid, title text, description text, depends_on jsonb,
                       acceptance_criteria jsonb)
            ORDER BY t.ord
           ON CONFLICT (id) DO NOTHING`,
        ),
        [
          scope.tenantId,
          scope.runId,
          JSON.stringify(
            parentsFirst(tree).map((task, ord) => ({
              ord,
              id: task.id,
              parent_id: task.parentId,
              title: task.title,
              description: task.description,
              depends_on: task.dependsOn,
              acceptance_criteria: task.acceptanceCriteria,
            })),
          ),
        ],
      );
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
