import type { ServiceSpec } from './service-plan';

/** The lines shown once everything answers: where each service lives and where a person starts. */
export function formatSummary(
  specs: readonly ServiceSpec[],
  pids: ReadonlyMap<string, number | undefined>,
  gatewayPort: number,
): string {
  const width = Math.max(...specs.map((spec) => spec.name.length));
  const rows = specs.map(
    (spec) =>
      `  ${spec.name.padEnd(width)}  pid ${String(pids.get(spec.name) ?? '?').padEnd(7)} ${spec.healthUrl}`,
  );
  const lines = [`Shipyard is up: ${specs.length} service(s) answer their health subject.`, ...rows];
  if (specs.some((spec) => spec.name === 'gateway')) {
    lines.push(
      '',
      `  API:      http://localhost:${gatewayPort}/api`,
      `  API docs: http://localhost:${gatewayPort}/api/docs`,
    );
  }
  lines.push('', 'Ctrl-C stops everything.');
  return lines.join('\n');
}
