import { randomUUID } from 'node:crypto';
import { In, IsNull, type EntityManager } from 'typeorm';
import type { Page, ProjectStatus, ProjectView, RunConfigPatch } from '@shipyard/contracts';
import { toPage, type PageWindow } from '@shipyard/projects/domain';
import { ProjectEntity } from '../entities/project.entity';
import { iso } from './iso';
import { insertRow } from './insert-row';

export interface NewProject {
  name: string;
  requirements: string;
  templateId: string | null;
  templateVersion: number | null;
  configPatch: RunConfigPatch;
}

export type ProjectChanges = Partial<NewProject> & { status?: ProjectStatus };

export class ProjectRepository {
  constructor(private readonly db: EntityManager) {}

  private get rows() {
    return this.db.getRepository(ProjectEntity);
  }

  async create(tenantId: string, project: NewProject): Promise<ProjectView> {
    const row = await insertRow(this.rows, {
      id: randomUUID(),
      tenantId,
      status: 'DRAFT' as const,
      activeRunId: null,
      ...project,
    });
    return toProjectView(row);
  }

  async find(tenantId: string, id: string): Promise<ProjectView | null> {
    const row = await this.rows.findOneBy({ tenantId, id });
    return row ? toProjectView(row) : null;
  }

  /** The project, locked until the transaction ends: edits, readiness and deletion do not interleave. */
  async lock(tenantId: string, id: string): Promise<ProjectView | null> {
    const row = await this.rows
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id AND p.tenant_id = :tenantId', { id, tenantId })
      .getOne();
    return row ? toProjectView(row) : null;
  }

  async update(tenantId: string, id: string, changes: ProjectChanges): Promise<ProjectView> {
    await this.rows.update({ tenantId, id }, changes);
    return toProjectView(await this.rows.findOneByOrFail({ tenantId, id }));
  }

  /**
   * Compare-and-set: the project becomes RUNNING with `runId` only if it is still in one of `from`.
   * Returns false when another request changed it first.
   */
  async startRun(
    tenantId: string,
    id: string,
    runId: string,
    from: readonly ProjectStatus[],
  ): Promise<boolean> {
    const result = await this.rows.update(
      { tenantId, id, status: In([...from]) },
      { status: 'RUNNING', activeRunId: runId },
    );
    return (result.affected ?? 0) === 1;
  }

  /** Clears the active run (only if it is still `runId`) and sets the project's status. */
  async releaseRun(tenantId: string, id: string, runId: string, status: ProjectStatus): Promise<void> {
    await this.rows.update({ tenantId, id, activeRunId: runId }, { status, activeRunId: null });
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const result = await this.rows.delete({ tenantId, id, activeRunId: IsNull() });
    return (result.affected ?? 0) === 1;
  }

  /** Newest first; ties broken by id so pages never overlap. */
  async list(
    tenantId: string,
    filter: { status?: ProjectStatus },
    window: PageWindow,
  ): Promise<Page<ProjectView>> {
    const [rows, total] = await this.rows.findAndCount({
      where: { tenantId, ...(filter.status ? { status: filter.status } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: window.skip,
      take: window.limit,
    });
    return toPage(rows.map(toProjectView), total, window);
  }
}

function toProjectView(row: ProjectEntity): ProjectView {
  return {
    id: row.id,
    name: row.name,
    requirements: row.requirements,
    templateId: row.templateId,
    templateVersion: row.templateVersion,
    configPatch: row.configPatch,
    status: row.status,
    activeRunId: row.activeRunId,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
