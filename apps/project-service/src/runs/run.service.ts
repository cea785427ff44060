import { Injectable } from '@nestjs/common';
import { ChangeRunStatus, CreateRun, DomainError, GetRun, ListRuns, type RunView } from '@shipyard/contracts';
import { ProjectsStore, type ProjectsRepositories } from '@shipyard/projects/data-access';
import {
  assertProjectRunnable,
  canApplyRunCommand,
  invalidRunTransition,
  mergeRunConfig,
  pageWindow,
  RunnableProjectStatuses,
  runCommandTarget,
  type RunCommand,
} from '@shipyard/projects/domain';
import { projectNotFound } from '../projects/project.service';
import { resolvePinnedBase } from '../projects/template-pin';

/** A concurrent change between our read and our compare-and-set is re-judged this many times. */
const CAS_ATTEMPTS = 3;

const DEFAULT_REASONS: Record<RunCommand, string> = {
  pause: 'paused by user',
  resume: 'resumed by user',
  stop: 'stopped by user',
};

/** Runs: created QUEUED with a frozen config snapshot; user commands as compare-and-set transitions. */
@Injectable()
export class RunService {
  constructor(private readonly store: ProjectsStore) {}

  /**
   * Snapshot = template version config (or defaults) + project patch + run patch, frozen from now on. The
   * run and the project's RUNNING status are written in one transaction; the one-active-run index decides
   * races, so of two concurrent creates exactly one succeeds and the other gets RUN_ALREADY_ACTIVE.
   */
  create(req: CreateRun.Request): Promise<CreateRun.Reply> {
    return this.store.transaction(async ({ templates, projects, runs }) => {
      const project = await projects.find(req.tenantId, req.projectId);
      if (!project) throw projectNotFound(req.projectId);
      assertProjectRunnable(project.status);
      const base = await resolvePinnedBase(
        templates,
        req.tenantId,
        project.templateId,
        project.templateVersion,
      );
      const projectConfig = mergeRunConfig(
        base.config,
        project.configPatch,
        'project.configPatch',
        'CONFIG_INCOMPLETE',
      );
      const snapshot = mergeRunConfig(projectConfig, req.configPatch, 'configPatch');
      const run = await runs.create(req.tenantId, project.id, snapshot);
      if (!(await projects.startRun(req.tenantId, project.id, run.id, RunnableProjectStatuses))) {
        // The project changed since we read it (edited back to DRAFT, or another run started): re-judge it.
        const now = await projects.find(req.tenantId, project.id);
        if (!now) throw projectNotFound(project.id);
        assertProjectRunnable(now.status);
        throw new DomainError(
          'CONFLICT',
          'The project changed while the run was being created; try again',
          undefined,
          true,
        );
      }
      return run;
    });
  }

  async get(req: GetRun.Request): Promise<GetRun.Reply> {
    const run = await this.store.read.runs.find(req.tenantId, req.id);
    if (!run) throw runNotFound(req.id);
    return run;
  }

  list(req: ListRuns.Request): Promise<ListRuns.Reply> {
    return this.store.read.runs.list(
      req.tenantId,
      { projectId: req.projectId, status: req.status },
      pageWindow(req),
    );
  }

  pause(req: ChangeRunStatus.Request): Promise<ChangeRunStatus.Reply> {
    return this.command('pause', req);
  }

  resume(req: ChangeRunStatus.Request): Promise<ChangeRunStatus.Reply> {
    return this.command('resume', req);
  }

  /** Stopping also frees the project: no active run, back to READY for the next one. */
  stop(req: ChangeRunStatus.Request): Promise<ChangeRunStatus.Reply> {
    return this.command('stop', req);
  }

  private command(command: RunCommand, req: ChangeRunStatus.Request): Promise<RunView> {
    return this.store.transaction(async (repos) => {
      for (let attempt = 1; ; attempt += 1) {
        const changed = await this.tryCommand(repos, command, req);
        if (changed) return changed;
        if (attempt >= CAS_ATTEMPTS) {
          throw new DomainError('CONFLICT', 'The run kept changing; try again', { id: req.id }, true);
        }
      }
    });
  }

  /** One read-judge-CAS round; null when another writer changed the run in between. */
  private async tryCommand(
    { runs, projects }: ProjectsRepositories,
    command: RunCommand,
    req: ChangeRunStatus.Request,
  ): Promise<RunView | null> {
    const run = await runs.find(req.tenantId, req.id);
    if (!run) throw runNotFound(req.id);
    if (!canApplyRunCommand(command, run.status)) throw invalidRunTransition(command, run.status);
    const changed = await runs.changeStatus(req.tenantId, run.id, run.status, {
      status: runCommandTarget(command, run),
      statusReason: req.reason ?? DEFAULT_REASONS[command],
      ...(command === 'stop' ? { finishedAt: new Date() } : {}),
    });
    if (changed && command === 'stop') {
      await projects.releaseRun(req.tenantId, run.projectId, run.id, 'READY');
    }
    return changed;
  }
}

export function runNotFound(id: string): DomainError {
  return new DomainError('RUN_NOT_FOUND', `Run ${id} not found`, { id });
}
