import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import type { AgentRole, Page, TaskStatus, TaskView } from '@shipyard/contracts';
import { toPage, type DependencyNode, type PageWindow } from '@shipyard/projects/domain';
import { TaskEntity } from '../entities/task.entity';
import { iso } from './iso';
import { insertRow } from './insert-row';

export interface NewTask {
  runId: string;
  parentTaskId: string | null;
  title: string;
  description: string;
  dependsOn: string[];
  acceptanceCriteria: string[];
}

export interface TaskChanges {
  status?: TaskStatus;
  assignedRole?: AgentRole | null;
  assignedAgentId?: string | null;
  title?: string;
  description?: string;
  dependsOn?: string[];
  acceptanceCriteria?: string[];
}

export interface TaskFilter {
  runId?: string;
  status?: TaskStatus;
  assignedAgentId?: string;
  parentTaskId?: string;
}

/** Children of one task shown with it; more than this is a tree to page through with the list filter. */
const MAX_CHILDREN = 500;

export class TaskRepository {
  constructor(private readonly db: EntityManager) {}

  private get rows() {
    return this.db.getRepository(TaskEntity);
  }

  async create(tenantId: string, task: NewTask): Promise<TaskView> {
    const row = await insertRow(this.rows, {
      id: randomUUID(),
      tenantId,
      status: 'PENDING' as const,
      assignedRole: null,
      assignedAgentId: null,
      ...task,
    });
    return toTaskView(row);
  }

  async find(tenantId: string, id: string): Promise<TaskView | null> {
    const row = await this.rows.findOneBy({ tenantId, id });
    return row ? toTaskView(row) : null;
  }

  /** The task, locked until the transaction ends, so two updates apply their transitions one after the other. */
  async lock(tenantId: string, id: string): Promise<TaskView | null> {
    const row = await this.rows
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.id = :id AND t.tenant_id = :tenantId', { id, tenantId })
      .getOne();
    return row ? toTaskView(row) : null;
  }

  /** Which of `ids` are tasks of this tenant's run `runId`. */
  async idsInRun(tenantId: string, runId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.rows.find({ select: { id: true }, where: { tenantId, runId, id: In(ids) } });
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Serialises dependency edits within one run until the transaction ends. Without it two edits that each
   * pass the cycle check alone (A needs B; B needs A) could commit together and form a cycle.
   */
  async lockDependencyGraph(runId: string): Promise<void> {
    await this.db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`task-deps:${runId}`]);
  }

  /** The run's dependency graph, for cycle checks. */
  async dependencyGraph(tenantId: string, runId: string): Promise<DependencyNode[]> {
    const rows = await this.rows.find({ select: { id: true, dependsOn: true }, where: { tenantId, runId } });
    return rows.map((r) => ({ id: r.id, dependsOn: r.dependsOn }));
  }

  async update(tenantId: string, id: string, changes: TaskChanges): Promise<TaskView> {
    if (Object.keys(changes).length > 0) await this.rows.update({ tenantId, id }, changes);
    return toTaskView(await this.rows.findOneByOrFail({ tenantId, id }));
  }

  /** Oldest first, so a task tree reads in the order it was planned. */
  async children(tenantId: string, parentTaskId: string): Promise<TaskView[]> {
    const rows = await this.rows.find({
      where: { tenantId, parentTaskId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: MAX_CHILDREN,
    });
    return rows.map(toTaskView);
  }

  /** Oldest first; ties broken by id so pages never overlap. */
  async list(tenantId: string, filter: TaskFilter, window: PageWindow): Promise<Page<TaskView>> {
    const [rows, total] = await this.rows.findAndCount({
      where: {
        tenantId,
        ...(filter.runId ? { runId: filter.runId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.assignedAgentId ? { assignedAgentId: filter.assignedAgentId } : {}),
        ...(filter.parentTaskId ? { parentTaskId: filter.parentTaskId } : {}),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: window.skip,
      take: window.limit,
    });
    return toPage(rows.map(toTaskView), total, window);
  }
}

function toTaskView(row: TaskEntity): TaskView {
  return {
    id: row.id,
    runId: row.runId,
    parentTaskId: row.parentTaskId,
    title: row.title,
    description: row.description,
    dependsOn: row.dependsOn,
    acceptanceCriteria: row.acceptanceCriteria,
    status: row.status,
    assignedRole: row.assignedRole,
    assignedAgentId: row.assignedAgentId,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
