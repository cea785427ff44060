import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Page, RunConfig, TemplateVersionView, TemplateView } from '@shipyard/contracts';
import { toPage, type PageWindow } from '@shipyard/projects/domain';
import { TemplateVersionEntity } from '../entities/template-version.entity';
import { TemplateEntity } from '../entities/template.entity';
import { iso } from './iso';
import { insertRow } from './insert-row';

export interface TemplateContent {
  name: string;
  description: string;
  config: RunConfig;
}

/** Templates and their immutable versions. Version rows are only ever inserted. */
export class TemplateRepository {
  constructor(private readonly db: EntityManager) {}

  async create(tenantId: string, content: TemplateContent): Promise<TemplateView> {
    const template = await insertRow(this.db.getRepository(TemplateEntity), {
      id: randomUUID(),
      tenantId,
      latestVersion: 1,
    });
    const version = await insertRow(this.db.getRepository(TemplateVersionEntity), {
      templateId: template.id,
      version: 1,
      tenantId,
      ...content,
    });
    return toTemplateView(template, version);
  }

  async findLatest(tenantId: string, id: string): Promise<TemplateView | null> {
    const template = await this.db.getRepository(TemplateEntity).findOneBy({ tenantId, id });
    if (!template) return null;
    const version = await this.db
      .getRepository(TemplateVersionEntity)
      .findOneByOrFail({ tenantId, templateId: id, version: template.latestVersion });
    return toTemplateView(template, version);
  }

  /**
   * The latest version, with the template row locked until the transaction ends, so concurrent edits
   * number their versions one after the other instead of colliding.
   */
  async lockLatest(tenantId: string, id: string): Promise<TemplateVersionView | null> {
    const template = await this.db
      .getRepository(TemplateEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.id = :id AND t.tenant_id = :tenantId', { id, tenantId })
      .getOne();
    if (!template) return null;
    return this.findVersion(tenantId, id, template.latestVersion);
  }

  async addVersion(
    tenantId: string,
    templateId: string,
    version: number,
    content: TemplateContent,
  ): Promise<TemplateVersionView> {
    const row = await insertRow(this.db.getRepository(TemplateVersionEntity), {
      templateId,
      version,
      tenantId,
      ...content,
    });
    await this.db
      .getRepository(TemplateEntity)
      .update({ tenantId, id: templateId }, { latestVersion: version });
    return toVersionView(row);
  }

  async findVersion(
    tenantId: string,
    templateId: string,
    version: number,
  ): Promise<TemplateVersionView | null> {
    const row = await this.db
      .getRepository(TemplateVersionEntity)
      .findOneBy({ tenantId, templateId, version });
    return row ? toVersionView(row) : null;
  }

  async exists(tenantId: string, id: string): Promise<boolean> {
    return this.db.getRepository(TemplateEntity).existsBy({ tenantId, id });
  }

  /** Newest first; ties (same instant) broken by id so pages never overlap. */
  async list(tenantId: string, window: PageWindow): Promise<Page<TemplateView>> {
    const [templates, total] = await this.db.getRepository(TemplateEntity).findAndCount({
      where: { tenantId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: window.skip,
      take: window.limit,
    });
    const versions = templates.length
      ? await this.db.getRepository(TemplateVersionEntity).find({
          where: templates.map((t) => ({ tenantId, templateId: t.id, version: t.latestVersion })),
        })
      : [];
    const byTemplate = new Map(versions.map((v) => [v.templateId, v]));
    const items = templates.map((t) => toTemplateView(t, byTemplate.get(t.id)!));
    return toPage(items, total, window);
  }

  /** Oldest version first. */
  async listVersions(
    tenantId: string,
    templateId: string,
    window: PageWindow,
  ): Promise<Page<TemplateVersionView>> {
    const [rows, total] = await this.db.getRepository(TemplateVersionEntity).findAndCount({
      where: { tenantId, templateId },
      order: { version: 'ASC' },
      skip: window.skip,
      take: window.limit,
    });
    return toPage(rows.map(toVersionView), total, window);
  }
}

function toVersionView(row: TemplateVersionEntity): TemplateVersionView {
  return {
    templateId: row.templateId,
    version: row.version,
    name: row.name,
    description: row.description,
    config: row.config,
    createdAt: iso(row.createdAt),
  };
}

/** A template is shown as its latest version; it was last updated when that version was made. */
function toTemplateView(template: TemplateEntity, latest: TemplateVersionEntity): TemplateView {
  return {
    id: template.id,
    name: latest.name,
    description: latest.description,
    version: latest.version,
    config: latest.config,
    createdAt: iso(template.createdAt),
    updatedAt: iso(latest.createdAt),
  };
}
