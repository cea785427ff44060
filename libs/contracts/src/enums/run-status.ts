export const RunStatuses = [
  'QUEUED',
  'RUNNING',
  'PAUSED',
  'COMPLETED',
  'FAILED',
  'STOPPED_BUDGET',
  'STOPPED_USER',
  'STOPPED_TIMEOUT',
] as const;
export type RunStatus = (typeof RunStatuses)[number];

/** A run in one of these may still change; a project has at most one such run. */
export const ActiveRunStatuses: readonly RunStatus[] = ['QUEUED', 'RUNNING', 'PAUSED'];

export function isActiveRunStatus(status: RunStatus): boolean {
  return ActiveRunStatuses.includes(status);
}
