import { Injectable } from '@nestjs/common';
import {
  CreateProject,
  DeleteProject,
  DomainError,
  GetProject,
  ListProjects,
  MarkProjectReady,
  UpdateProject,
  type ProjectView,
} from '@shipyard/contracts';
import { ProjectsStore, type ProjectChanges } from '@shipyard/projects/data-access';
import {
  assertProjectEditable,
  mergeRunConfig,
  pageWindow,
  statusAfterEdit,
} from '@shipyard/projects/domain';
import { resolvePinnedBase } from './template-pin';

/** Projects: defined in DRAFT, checked into READY, then run; edits only while nothing runs. */
@Injectable()
export class ProjectService {
  constructor(private readonly store: ProjectsStore) {}

  create(req: CreateProject.Request): Promise<CreateProject.Reply> {
    return this.store.idempotentTransaction(req, CreateProject.Subject, async ({ templates, projects }) => {
      const base = await resolvePinnedBase(templates, req.tenantId, req.templateId, req.templateVersion);
      const configPatch = req.configPatch ?? {};
      mergeRunConfig(base.config, configPatch, 'configPatch');
      return projects.create(req.tenantId, {
        name: req.name,
        requirements: req.requirements ?? '',
        templateId: base.templateId,
        templateVersion: base.templateVersion,
        configPatch,
      });
    });
  }

  async get(req: GetProject.Request): Promise<GetProject.Reply> {
    const project = await this.store.read.projects.find(req.tenantId, req.id);
    if (!project) throw projectNotFound(req.id);
    return project;
  }

  list(req: ListProjects.Request): Promise<ListProjects.Reply> {
    return this.store.read.projects.list(req.tenantId, { status: req.status }, pageWindow(req));
  }

  /** Only in DRAFT or READY; a READY project whose definition changes goes back to DRAFT. */
  update(req: UpdateProject.Request): Promise<UpdateProject.Reply> {
    return this.store.transaction(async ({ templates, projects }) => {
      const project = await projects.lock(req.tenantId, req.id);
      if (!project) throw projectNotFound(req.id);
      assertProjectEditable(project.status);
      const templateChanges = req.templateId !== undefined || req.templateVersion !== undefined;
      const base = await resolvePinnedBase(
        templates,
        req.tenantId,
        req.templateId ?? project.templateId,
        // A new template without a version pins that template's latest; a version alone moves within the current one.
        req.templateId !== undefined && req.templateId !== project.templateId
          ? req.templateVersion
          : (req.templateVersion ?? project.templateVersion),
      );
      const configPatch = req.configPatch ?? project.configPatch;
      mergeRunConfig(base.config, configPatch, 'configPatch');
      const next = {
        requirements: req.requirements ?? project.requirements,
        templateId: base.templateId,
        templateVersion: base.templateVersion,
        configPatch,
      };
      const changes: ProjectChanges = {
        ...(req.name !== undefined ? { name: req.name } : {}),
        ...(req.requirements !== undefined ? { requirements: req.requirements } : {}),
        ...(templateChanges ? { templateId: base.templateId, templateVersion: base.templateVersion } : {}),
        ...(req.configPatch !== undefined ? { configPatch } : {}),
        status: statusAfterEdit(project.status, project, next),
      };
      return projects.update(req.tenantId, req.id, changes);
    });
  }

  /**
   * DRAFT to READY once requirements are written and the merged config is complete and valid. Asking
   * again for a READY project answers it unchanged, so a retried request succeeds.
   */
  markReady(req: MarkProjectReady.Request): Promise<MarkProjectReady.Reply> {
    return this.store.transaction(async ({ templates, projects }) => {
      const project = await projects.lock(req.tenantId, req.id);
      if (!project) throw projectNotFound(req.id);
      if (project.status === 'READY') return project;
      if (project.status !== 'DRAFT') {
        throw new DomainError(
          'INVALID_STATE_TRANSITION',
          `A project that is ${project.status} cannot be marked ready`,
          {
            status: project.status,
            allowedFrom: ['DRAFT'],
          },
        );
      }
      if (project.requirements.trim().length === 0) {
        throw new DomainError('PROJECT_NOT_READY', 'The project has no requirements yet', [
          { path: 'requirements', messages: ['requirements must not be empty'] },
        ]);
      }
      await this.assertConfigComplete(templates, req.tenantId, project);
      return projects.update(req.tenantId, req.id, { status: 'READY' });
    });
  }

  /** Refused while a run is active; the database cascades the project's runs, tasks and comments. */
  delete(req: DeleteProject.Request): Promise<DeleteProject.Reply> {
    return this.store.transaction(async ({ projects, runs }) => {
      const project = await projects.lock(req.tenantId, req.id);
      if (!project) throw projectNotFound(req.id);
      if (project.activeRunId || (await runs.hasActiveRun(req.tenantId, req.id))) {
        throw new DomainError('PROJECT_HAS_ACTIVE_RUN', 'Stop the active run before deleting the project', {
          activeRunId: project.activeRunId,
        });
      }
      if (!(await projects.delete(req.tenantId, req.id))) throw projectNotFound(req.id);
      return { id: req.id, deleted: true as const };
    });
  }

  private async assertConfigComplete(
    templates: Parameters<typeof resolvePinnedBase>[0],
    tenantId: string,
    project: ProjectView,
  ): Promise<void> {
    const base = await resolvePinnedBase(templates, tenantId, project.templateId, project.templateVersion);
    mergeRunConfig(base.config, project.configPatch, 'configPatch', 'CONFIG_INCOMPLETE');
  }
}

export function projectNotFound(id: string): DomainError {
  return new DomainError('PROJECT_NOT_FOUND', `Project ${id} not found`, { id });
}
