// Validates docker-compose.yml offline (no Docker engine here): it parses, every one of the eleven services
// is there running its own SERVICE from the shared image, every depends_on names a defined service with a
// condition, infrastructure has healthchecks, and the ports and JetStream flag are what the services expect.
// Usage: node tools/scripts/check-compose.mjs [path]; exits 1 listing every problem.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

const SERVICES = [
  'gateway',
  'project-service',
  'run-orchestrator',
  'artifact-service',
  'agent-pm',
  'agent-lead',
  'agent-developer',
  'agent-qa',
  'agent-docs',
  'agent-devops',
  'agent-security',
];
const CONDITIONS = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);

const path = process.argv[2] ?? 'docker-compose.yml';
const doc = parse(await readFile(path, 'utf8'), { merge: true, strict: true, uniqueKeys: true });
const problems = [];
const services = doc?.services ?? {};
const need = (ok, message) => {
  if (!ok) problems.push(message);
};

for (const name of SERVICES) {
  const svc = services[name];
  need(svc, `service ${name} is missing`);
  if (!svc) continue;
  need(
    svc.environment?.SERVICE === name,
    `${name}: environment SERVICE must be "${name}", is "${svc.environment?.SERVICE}"`,
  );
  need(svc.image === services.migrate?.image, `${name}: must run the same image as migrate`);
  need(
    svc.depends_on?.migrate?.condition === 'service_completed_successfully',
    `${name}: must wait for migrate to complete`,
  );
  need(
    svc.environment?.NATS_URL && svc.environment?.DATABASE_URL && svc.environment?.REDIS_URL,
    `${name}: NATS_URL, DATABASE_URL, REDIS_URL must be set`,
  );
  if (name !== 'gateway')
    need(Number(svc.environment?.HEALTH_PORT) > 0, `${name}: HEALTH_PORT must be > 0 for its healthcheck`);
}
need(
  services.gateway?.ports?.some((p) => String(p).endsWith(`:${services.gateway?.environment?.GATEWAY_PORT}`)),
  'gateway: GATEWAY_PORT must be published',
);
need(services.migrate?.environment?.SERVICE === 'migrate', 'migrate: SERVICE must be "migrate"');
need(services.migrate?.restart === 'no', 'migrate: a one-shot job must not restart');
need(/^postgres:16/.test(services.postgres?.image ?? ''), 'postgres must be PostgreSQL 16');
need(/^nats:2\.10/.test(services.nats?.image ?? ''), 'nats must be NATS 2.10');
need((services.nats?.command ?? []).includes('-js'), 'nats must run with -js (JetStream)');
need(/^redis:7/.test(services.redis?.image ?? ''), 'redis must be Redis 7');
for (const infra of ['postgres', 'nats', 'redis'])
  need(services[infra]?.healthcheck?.test, `${infra}: needs a healthcheck`);

for (const [name, svc] of Object.entries(services)) {
  for (const [dep, spec] of Object.entries(svc.depends_on ?? {})) {
    need(services[dep], `${name}: depends_on unknown service ${dep}`);
    need(
      CONDITIONS.has(spec?.condition),
      `${name}: depends_on ${dep} needs a condition (one of ${[...CONDITIONS].join(', ')})`,
    );
    if (spec?.condition === 'service_healthy')
      need(
        services[dep]?.healthcheck?.disable !== true,
        `${name}: waits for ${dep} to be healthy, which has no healthcheck`,
      );
  }
}

if (problems.length > 0) {
  console.error(`${path}: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`${path}: ok (${Object.keys(services).length} services)`);
