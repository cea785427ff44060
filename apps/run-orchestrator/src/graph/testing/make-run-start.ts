import { randomUUID } from 'node:crypto';
import { defaultRunConfig, type RunConfig, type RunConfigPatch } from '@shipyard/contracts';
import type { RunStart } from '../state';

/** A run as the service would start it; overrides merge into the default config field by field. */
export function makeRunStart(
  overrides: { config?: RunConfigPatch; runId?: string; startedAt?: string; requirements?: string } = {},
): RunStart {
  const base = defaultRunConfig();
  const patch = overrides.config ?? {};
  const config: RunConfig = {
    roles: { ...base.roles, ...(patch.roles as RunConfig['roles'] | undefined) },
    budget: { ...base.budget, ...patch.budget },
    review: { ...base.review, ...patch.review },
    security: { ...base.security, ...patch.security },
    deadlineMinutes: patch.deadlineMinutes ?? base.deadlineMinutes,
  };
  return {
    run: { runId: overrides.runId ?? randomUUID(), tenantId: randomUUID() },
    config,
    requirements: overrides.requirements ?? 'A todo list API: create, list and complete todos.',
    startedAt: overrides.startedAt ?? '2026-01-01T00:00:00.000Z',
  };
}
