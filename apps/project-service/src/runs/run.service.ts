import { Inject, Injectable, Optional } from '@nestjs/common';
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
import { applyRunCommand } from '@shipyard/shared/run-events';
import { projectNotFound } from '../projects/project.service';
import { resolvePinnedBase } from '../projects/template-pin';
import { RUN_CONTROL_PUBLISHER, type RunControlPublisher } from './run-control.publisher';
import { typeormExecutor } from './typeorm-sql.executor';

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
  constructor(
    private readonly store: ProjectsStore,
    @Optional() @Inject(RUN_CONTROL_PUBLISHER) private readonly control?: RunControlPublisher,
  ) {}

  /**
   * Snapshot = template version config (or defaults) + project patch + run patch, frozen from now on. The
   * run and the project's RUNNING status are written in one transaction; the one-active-run index decides
   * races, so of two concurrent creates exactly one succeeds and the other gets RUN_ALREADY_ACTIVE.
   */
  async create(req: CreateRun.Request): Promise<CreateRun.Reply> {
    const run = await this.createQueued(req);
    // After the commit: an orchestrator with room claims it now instead of at its next tick (up to
    // ORCHESTRATOR_TICK_MS later). At most once, like every control notification: the tick still covers it.
    await this.control?.controlChanged({
      tenantId: req.tenantId,
      runId: run.id,
      status: run.status,
      control: 'run',
      resumeSeq: 0,
    });
    return run;
  }

  private createQueued(req: CreateRun.Request): Promise<CreateRun.Reply> {
    return this.store.idempotentTransaction(req, CreateRun.Subject, async ({ templates, projects, runs }) => {
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

  /**
   * The change commits first (status, control for the orchestrator, event), then the orchestrator is told
   * at once; if that notification is lost, its control poll picks the change up.
   */
  private async command(command: RunCommand, req: ChangeRunStatus.Request): Promise<RunView> {
    if (req.budget && command !== 'resume') {
      throw new DomainError('VALIDATION_FAILED', 'A budget can only be given when resuming a run', [
        { path: 'budget', messages: [`not allowed on ${command}`] },
      ]);
    }
    if (req.budget && Object.values(req.budget).every((value) => value === undefined)) {
      throw new DomainError('VALIDATION_FAILED', 'A budget change must name at least one field', [
        { path: 'budget', messages: ['give maxTokens, maxCostUsd or onExceed'] },
      ]);
    }
    const { view, resumeSeq } = await this.store.transaction(async (repos) => {
      for (let attempt = 1; ; attempt += 1) {
        const changed = await this.tryCommand(repos, command, req);
        if (changed) return changed;
        if (attempt >= CAS_ATTEMPTS) {
          throw new DomainError('CONFLICT', 'The run kept changing; try again', { id: req.id }, true);
        }
      }
    });
    await this.control?.controlChanged({
      tenantId: req.tenantId,
      runId: view.id,
      status: view.status,
      control: command === 'resume' ? 'run' : command,
      resumeSeq,
    });
    return view;
  }

  /** One read-judge-CAS round; null when another writer changed the run in between. */
  private async tryCommand(
    { runs, projects, manager }: ProjectsRepositories,
    command: RunCommand,
    req: ChangeRunStatus.Request,
  ): Promise<{ view: RunView; resumeSeq: number } | null> {
    const run = await runs.find(req.tenantId, req.id);
    if (!run) throw runNotFound(req.id);
    if (!canApplyRunCommand(command, run.status)) throw invalidRunTransition(command, run.status);
    const changed = await applyRunCommand(typeormExecutor(manager), {
      tenantId: req.tenantId,
      runId: run.id,
      command,
      expected: run.status,
      target: runCommandTarget(command, run),
      reason: req.reason ?? DEFAULT_REASONS[command],
      ...(req.budget ? { budget: req.budget } : {}),
    });
    if (!changed) return null;
    if (command === 'stop') await projects.releaseRun(req.tenantId, run.projectId, run.id, 'READY');
    const view = await runs.find(req.tenantId, run.id);
    if (!view) throw runNotFound(run.id);
    return { view, resumeSeq: changed.resumeSeq };
  }
}

export function runNotFound(id: string): DomainError {
  return new DomainError('RUN_NOT_FOUND', `Run ${id} not found`, { id });
}
