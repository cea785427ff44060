import { DomainError, type ProjectStatus } from '@shipyard/contracts';

/** A project's definition may change only before it runs, or between runs once READY. */
export const EditableProjectStatuses: readonly ProjectStatus[] = ['DRAFT', 'READY'];

/** A new run may start from READY, or again after a finished one. */
export const RunnableProjectStatuses: readonly ProjectStatus[] = ['READY', 'COMPLETED', 'FAILED'];

export function assertProjectEditable(status: ProjectStatus): void {
  if (EditableProjectStatuses.includes(status)) return;
  throw new DomainError('INVALID_STATE_TRANSITION', `A project that is ${status} cannot be edited`, {
    status,
    allowedFrom: [...EditableProjectStatuses],
  });
}

/** What an edit changes that `ready` checked: requirements, the pinned template version, the config patch. */
export interface ProjectDefinition {
  requirements: string;
  templateId: string | null;
  templateVersion: number | null;
  configPatch: unknown;
}

/** A READY project whose checked definition changes goes back to DRAFT, so `ready` must check it again. */
export function statusAfterEdit(
  status: ProjectStatus,
  before: ProjectDefinition,
  after: ProjectDefinition,
): ProjectStatus {
  if (status !== 'READY') return status;
  const changed =
    before.requirements !== after.requirements ||
    before.templateId !== after.templateId ||
    before.templateVersion !== after.templateVersion ||
    !jsonEqual(before.configPatch, after.configPatch);
  return changed ? 'DRAFT' : status;
}

/** Throws unless a run may start; a RUNNING project already has its one active run. */
export function assertProjectRunnable(status: ProjectStatus): void {
  if (RunnableProjectStatuses.includes(status)) return;
  if (status === 'RUNNING') {
    throw new DomainError('RUN_ALREADY_ACTIVE', 'The project already has an active run');
  }
  throw new DomainError(
    'PROJECT_NOT_READY',
    `A project that is ${status} cannot start a run; mark it ready first`,
    {
      status,
      allowedFrom: [...RunnableProjectStatuses],
    },
  );
}

/** Key order does not matter in a JSON document; compare by canonical form. */
function jsonEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
