import { defaultRunConfig, DomainError, type RunConfig } from '@shipyard/contracts';
import type { TemplateRepository } from '@shipyard/projects/data-access';

/** The template version a project runs on, and the config its patch is merged over. */
export interface PinnedBase {
  templateId: string | null;
  templateVersion: number | null;
  config: RunConfig;
}

/**
 * Resolves what a project pins: no template means the platform defaults; a template without a version
 * pins its latest version at this moment (later versions do not move the project).
 */
export async function resolvePinnedBase(
  templates: TemplateRepository,
  tenantId: string,
  templateId: string | null | undefined,
  templateVersion: number | null | undefined,
): Promise<PinnedBase> {
  if (!templateId) {
    if (templateVersion != null) {
      throw new DomainError('VALIDATION_FAILED', 'templateVersion needs a templateId', [
        { path: 'templateVersion', messages: ['templateVersion requires templateId'] },
      ]);
    }
    return { templateId: null, templateVersion: null, config: defaultRunConfig() };
  }
  if (templateVersion == null) {
    const latest = await templates.findLatest(tenantId, templateId);
    if (!latest)
      throw new DomainError('TEMPLATE_NOT_FOUND', `Template ${templateId} not found`, { id: templateId });
    return { templateId, templateVersion: latest.version, config: latest.config };
  }
  const version = await templates.findVersion(tenantId, templateId, templateVersion);
  if (version) return { templateId, templateVersion, config: version.config };
  if (!(await templates.exists(tenantId, templateId))) {
    throw new DomainError('TEMPLATE_NOT_FOUND', `Template ${templateId} not found`, { id: templateId });
  }
  throw new DomainError(
    'TEMPLATE_VERSION_NOT_FOUND',
    `Template ${templateId} has no version ${templateVersion}`,
    {
      templateId,
      version: templateVersion,
    },
  );
}
