import { Injectable } from '@nestjs/common';
import { CreateTask, DomainError, GetTask, ListTasks, UpdateTask } from '@shipyard/contracts';
import { ProjectsStore, type TaskChanges, type TaskRepository } from '@shipyard/projects/data-access';
import { assertNoDependencyCycle, assertTaskTransition, pageWindow } from '@shipyard/projects/domain';
import { runNotFound } from '../runs/run.service';

/** Tasks of a run: a tree through parentTaskId, a DAG through dependsOn, both within one run. */
@Injectable()
export class TaskService {
  constructor(private readonly store: ProjectsStore) {}

  create(req: CreateTask.Request): Promise<CreateTask.Reply> {
    return this.store.idempotentTransaction(req, CreateTask.Subject, async ({ runs, tasks }) => {
      if (!(await runs.find(req.tenantId, req.runId))) throw runNotFound(req.runId);
      if (req.parentTaskId)
        await assertTasksInRun(tasks, req.tenantId, req.runId, [req.parentTaskId], 'parentTaskId');
      const dependsOn = req.dependsOn ?? [];
      await assertTasksInRun(tasks, req.tenantId, req.runId, dependsOn, 'dependsOn');
      // A new task cannot close a cycle: nothing depends on it yet.
      return tasks.create(req.tenantId, {
        runId: req.runId,
        parentTaskId: req.parentTaskId ?? null,
        title: req.title,
        description: req.description,
        dependsOn,
        acceptanceCriteria: req.acceptanceCriteria ?? [],
      });
    });
  }

  async get(req: GetTask.Request): Promise<GetTask.Reply> {
    const task = await this.store.read.tasks.find(req.tenantId, req.id);
    if (!task) throw taskNotFound(req.id);
    return { ...task, children: await this.store.read.tasks.children(req.tenantId, req.id) };
  }

  list(req: ListTasks.Request): Promise<ListTasks.Reply> {
    const { runId, status, assignedAgentId, parentTaskId } = req;
    return this.store.read.tasks.list(
      req.tenantId,
      { runId, status, assignedAgentId, parentTaskId },
      pageWindow(req),
    );
  }

  /** Status changes follow the transition table; new dependencies stay in the run and make no cycle. */
  update(req: UpdateTask.Request): Promise<UpdateTask.Reply> {
    return this.store.transaction(async ({ tasks }) => {
      const task = await tasks.lock(req.tenantId, req.id);
      if (!task) throw taskNotFound(req.id);
      if (req.status !== undefined) assertTaskTransition(task.status, req.status);
      if (req.dependsOn !== undefined) {
        if (req.dependsOn.includes(task.id)) {
          throw new DomainError('DEPENDENCY_CYCLE', 'A task cannot depend on itself', {
            cycle: [task.id, task.id],
          });
        }
        await assertTasksInRun(tasks, req.tenantId, task.runId, req.dependsOn, 'dependsOn');
        await tasks.lockDependencyGraph(task.runId);
        const graph = await tasks.dependencyGraph(req.tenantId, task.runId);
        assertNoDependencyCycle(graph, { id: task.id, dependsOn: req.dependsOn });
      }
      const changes: TaskChanges = {
        ...(req.status !== undefined ? { status: req.status } : {}),
        ...(req.assignedRole !== undefined ? { assignedRole: req.assignedRole } : {}),
        ...(req.assignedAgentId !== undefined ? { assignedAgentId: req.assignedAgentId } : {}),
        ...(req.title !== undefined ? { title: req.title } : {}),
        ...(req.description !== undefined ? { description: req.description } : {}),
        ...(req.dependsOn !== undefined ? { dependsOn: req.dependsOn } : {}),
        ...(req.acceptanceCriteria !== undefined ? { acceptanceCriteria: req.acceptanceCriteria } : {}),
      };
      return tasks.update(req.tenantId, req.id, changes);
    });
  }
}

/** Parent and dependencies must be tasks of the same run; naming a task elsewhere is a bad request. */
async function assertTasksInRun(
  tasks: TaskRepository,
  tenantId: string,
  runId: string,
  ids: string[],
  field: string,
): Promise<void> {
  const found = await tasks.idsInRun(tenantId, runId, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length === 0) return;
  throw new DomainError('VALIDATION_FAILED', `${field} must name tasks of the same run`, [
    { path: field, messages: missing.map((id) => `${id} is not a task of run ${runId}`) },
  ]);
}

export function taskNotFound(id: string): DomainError {
  return new DomainError('TASK_NOT_FOUND', `Task ${id} not found`, { id });
}
