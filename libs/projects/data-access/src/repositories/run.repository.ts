import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import {
  ActiveRunStatuses,
  DomainError,
  type Page,
  type RunConfig,
  type RunStatus,
  type RunView,
} from '@shipyard/contracts';
import { toPage, type PageWindow } from '@shipyard/projects/domain';
import { isUniqueViolation } from '@shipyard/shared/persistence';
import { RunEntity } from '../entities/run.entity';
import { iso, isoOrNull } from './iso';
import { insertRow } from './insert-row';

/** The partial unique index that allows one QUEUED/RUNNING/PAUSED run per project (see the migration). */
const ONE_ACTIVE_RUN_INDEX = 'uq_run_one_active_per_project';

export class RunRepository {
  constructor(private readonly db: EntityManager) {}

  private get rows() {
    return this.db.getRepository(RunEntity);
  }

  /**
   * Inserts a QUEUED run. The database, not a prior read, decides whether another run of the project is
   * active: its unique index makes the loser of a race fail here with RUN_ALREADY_ACTIVE.
   */
  async create(tenantId: string, projectId: string, configSnapshot: RunConfig): Promise<RunView> {
    try {
      const row = await insertRow(this.rows, {
        id: randomUUID(),
        tenantId,
        projectId,
        status: 'QUEUED' as const,
        statusReason: null,
        configSnapshot,
        promptTokens: '0',
        completionTokens: '0',
        totalTokens: '0',
        costUsd: '0',
        finalReport: null,
        startedAt: null,
        finishedAt: null,
      });
      return toRunView(row);
    } catch (error) {
      if (isUniqueViolation(error, ONE_ACTIVE_RUN_INDEX)) {
        throw new DomainError('RUN_ALREADY_ACTIVE', 'The project already has an active run', { projectId });
      }
      throw error;
    }
  }

  async find(tenantId: string, id: string): Promise<RunView | null> {
    const row = await this.rows.findOneBy({ tenantId, id });
    return row ? toRunView(row) : null;
  }

  async hasActiveRun(tenantId: string, projectId: string): Promise<boolean> {
    return this.rows.existsBy({ tenantId, projectId, status: In([...ActiveRunStatuses]) });
  }

  /** Newest first; ties broken by id so pages never overlap. */
  async list(
    tenantId: string,
    filter: { projectId?: string; status?: RunStatus },
    window: PageWindow,
  ): Promise<Page<RunView>> {
    const [rows, total] = await this.rows.findAndCount({
      where: {
        tenantId,
        ...(filter.projectId ? { projectId: filter.projectId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: window.skip,
      take: window.limit,
    });
    return toPage(rows.map(toRunView), total, window);
  }
}

function toRunView(row: RunEntity): RunView {
  return {
    id: row.id,
    projectId: row.projectId,
    status: row.status,
    statusReason: row.statusReason,
    configSnapshot: row.configSnapshot,
    budget: row.budgetOverride ?? row.configSnapshot.budget,
    usage: {
      promptTokens: Number(row.promptTokens),
      completionTokens: Number(row.completionTokens),
      totalTokens: Number(row.totalTokens),
    },
    costUsd: Number(row.costUsd),
    finalReport: row.finalReport,
    startedAt: isoOrNull(row.startedAt),
    finishedAt: isoOrNull(row.finishedAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
