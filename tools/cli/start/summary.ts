import { instanceOf, type ServiceSpec } from './service-plan';

/** The lines shown once everything answers: where each service lives and where a person starts. */
export function formatSummary(
  specs: readonly ServiceSpec[],
  pids: ReadonlyMap<string, number | undefined>,
  gatewayPort: number,
  restartLimit: number,
): string {
  const width = Math.max(...specs.map((spec) => instanceOf(spec).length));
  const rows = specs.map((spec) => {
    const instance = instanceOf(spec);
    const probe = spec.healthUrl ?? '(a further replica: NATS health subject only)';
    return `  ${instance.padEnd(width)}  pid ${String(pids.get(instance) ?? '?').padEnd(7)} ${probe}`;
  });
  const services = new Set(specs.map((spec) => spec.name)).size;
  const processes = specs.length === services ? '' : ` in ${specs.length} processes`;
  const lines = [`Shipyard is up: ${services} service(s)${processes} answer their health subject.`, ...rows];
  if (specs.some((spec) => spec.name === 'gateway')) {
    lines.push(
      '',
      `  API:      http://localhost:${gatewayPort}/api`,
      `  API docs: http://localhost:${gatewayPort}/api/docs`,
    );
  }
  lines.push(
    '',
    restartLimit > 0
      ? `A service that dies on its own is started again (at most ${restartLimit} times a minute). Ctrl-C stops everything.`
      : 'Ctrl-C stops everything (RESTART_LIMIT=0: so does any service that dies).',
  );
  return lines.join('\n');
}
