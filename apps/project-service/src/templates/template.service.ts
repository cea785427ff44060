import { Injectable } from '@nestjs/common';
import {
  CreateTemplate,
  CreateTemplateVersion,
  defaultRunConfig,
  DomainError,
  GetTemplate,
  GetTemplateVersion,
  ListTemplates,
  ListTemplateVersions,
} from '@shipyard/contracts';
import { ProjectsStore } from '@shipyard/projects/data-access';
import { mergeRunConfig, pageWindow } from '@shipyard/projects/domain';

/** Versioned presets: version 1 on create, each edit a new immutable version patched over the latest. */
@Injectable()
export class TemplateService {
  constructor(private readonly store: ProjectsStore) {}

  async create(req: CreateTemplate.Request): Promise<CreateTemplate.Reply> {
    const config = mergeRunConfig(defaultRunConfig(), req.config, 'config');
    return this.store.idempotentTransaction(req, CreateTemplate.Subject, ({ templates }) =>
      templates.create(req.tenantId, { name: req.name, description: req.description ?? '', config }),
    );
  }

  async get(req: GetTemplate.Request): Promise<GetTemplate.Reply> {
    const template = await this.store.read.templates.findLatest(req.tenantId, req.id);
    if (!template) throw templateNotFound(req.id);
    return template;
  }

  list(req: ListTemplates.Request): Promise<ListTemplates.Reply> {
    return this.store.read.templates.list(req.tenantId, pageWindow(req));
  }

  /** The template row is locked while the next number is taken, so concurrent edits get 2, 3... not a clash. */
  createVersion(req: CreateTemplateVersion.Request): Promise<CreateTemplateVersion.Reply> {
    return this.store.idempotentTransaction(req, CreateTemplateVersion.Subject, async ({ templates }) => {
      const latest = await templates.lockLatest(req.tenantId, req.id);
      if (!latest) throw templateNotFound(req.id);
      const config = mergeRunConfig(latest.config, req.config, 'config');
      return templates.addVersion(req.tenantId, req.id, latest.version + 1, {
        name: req.name ?? latest.name,
        description: req.description ?? latest.description,
        config,
      });
    });
  }

  async getVersion(req: GetTemplateVersion.Request): Promise<GetTemplateVersion.Reply> {
    const version = await this.store.read.templates.findVersion(req.tenantId, req.id, req.version);
    if (version) return version;
    if (!(await this.store.read.templates.exists(req.tenantId, req.id))) throw templateNotFound(req.id);
    throw new DomainError('TEMPLATE_VERSION_NOT_FOUND', `Template ${req.id} has no version ${req.version}`, {
      templateId: req.id,
      version: req.version,
    });
  }

  async listVersions(req: ListTemplateVersions.Request): Promise<ListTemplateVersions.Reply> {
    const page = await this.store.read.templates.listVersions(req.tenantId, req.id, pageWindow(req));
    if (page.total === 0) throw templateNotFound(req.id);
    return page;
  }
}

function templateNotFound(id: string): DomainError {
  return new DomainError('TEMPLATE_NOT_FOUND', `Template ${id} not found`, { id });
}
