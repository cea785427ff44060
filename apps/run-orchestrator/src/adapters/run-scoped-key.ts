/** A key for something of one run (a task, a bundle): asked for under another tenant or run, it misses. */
export const runScopedKey = (scope: { tenantId: string; runId: string }, id: string): string =>
  `${scope.tenantId}/${scope.runId}/${id}`;
