// Checks rendered Kubernetes manifests offline (no cluster here, so nothing can ask an API server): the
// rules our deployment relies on, stated once. Usage: kubectl kustomize k8s/base | node check-manifests.mjs
// Exits 1 listing every problem.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

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
const AUTOSCALED = ['gateway', ...SERVICES.filter((name) => name.startsWith('agent-'))];
const CLUSTER_SCOPED = new Set(['Namespace']);

const docs = parseAllDocuments(readFileSync(process.argv[2] ?? 0, 'utf8'));
const problems = [];
const need = (ok, message) => {
  if (!ok) problems.push(message);
};
for (const doc of docs) for (const error of doc.errors) problems.push(`YAML: ${error.message}`);
const objects = docs.map((doc) => doc.toJS()).filter(Boolean);
const find = (kind, name) => objects.find((o) => o.kind === kind && o.metadata?.name === name);
const namespace = objects.find((o) => o.kind === 'Namespace')?.metadata?.name;

need(namespace, 'no Namespace');
for (const o of objects) {
  const id = `${o.kind}/${o.metadata?.name}`;
  need(
    o.apiVersion && o.kind && o.metadata?.name,
    `an object lacks apiVersion, kind or name: ${JSON.stringify(o).slice(0, 80)}`,
  );
  if (!CLUSTER_SCOPED.has(o.kind))
    need(o.metadata?.namespace === namespace, `${id}: must be in namespace ${namespace}`);
  const names = objects.filter((p) => p.kind === o.kind && p.metadata?.name === o.metadata?.name);
  need(names.length === 1, `${id}: defined ${names.length} times`);
}

/** The rules for any pod we run: non-root, no privilege, read-only root, bounded resources, refs that exist. */
function checkPod(id, podSpec, expectedService) {
  const pod = podSpec?.securityContext ?? {};
  need(pod.runAsNonRoot === true && Number(pod.runAsUser) > 0, `${id}: pod must run as a non-root uid`);
  need(
    podSpec?.automountServiceAccountToken === false,
    `${id}: must not mount a service account token it does not use`,
  );
  for (const c of podSpec?.containers ?? []) {
    const cid = `${id} container ${c.name}`;
    const sc = c.securityContext ?? {};
    need(sc.readOnlyRootFilesystem === true, `${cid}: root filesystem must be read-only`);
    need(sc.allowPrivilegeEscalation === false, `${cid}: allowPrivilegeEscalation must be false`);
    need(sc.capabilities?.drop?.includes('ALL'), `${cid}: must drop ALL capabilities`);
    for (const kind of ['requests', 'limits']) {
      need(
        c.resources?.[kind]?.cpu && c.resources?.[kind]?.memory,
        `${cid}: resources.${kind} needs cpu and memory`,
      );
    }
    const service = (c.env ?? []).find((e) => e.name === 'SERVICE')?.value;
    need(service === expectedService, `${cid}: SERVICE must be ${expectedService}, is ${service}`);
    for (const ref of c.envFrom ?? []) {
      if (ref.configMapRef)
        need(
          find('ConfigMap', ref.configMapRef.name),
          `${cid}: ConfigMap ${ref.configMapRef.name} does not exist`,
        );
      if (ref.secretRef)
        need(find('Secret', ref.secretRef.name), `${cid}: Secret ${ref.secretRef.name} does not exist`);
    }
    for (const mount of c.volumeMounts ?? []) {
      need(
        (podSpec.volumes ?? []).some((v) => v.name === mount.name),
        `${cid}: volume ${mount.name} is not defined`,
      );
    }
  }
}

for (const service of SERVICES) {
  const name = `shipyard-${service}`;
  const d = find('Deployment', name);
  need(d, `Deployment ${name} is missing`);
  if (!d) continue;
  const id = `Deployment/${name}`;
  const template = d.spec?.template;
  const labels = template?.metadata?.labels ?? {};
  const selector = d.spec?.selector?.matchLabels ?? {};
  need(Object.keys(selector).length > 0, `${id}: needs a selector`);
  need(
    Object.entries(selector).every(([k, v]) => labels[k] === v),
    `${id}: selector does not match the pod labels`,
  );
  need(
    labels['app.kubernetes.io/name'] === service,
    `${id}: pods must be labelled app.kubernetes.io/name=${service}`,
  );
  checkPod(id, template?.spec, service);
  const c = template?.spec?.containers?.[0];
  const ports = new Set((c?.ports ?? []).flatMap((p) => [p.name, p.containerPort]));
  for (const probe of ['livenessProbe', 'readinessProbe']) {
    const get = c?.[probe]?.httpGet;
    need(get, `${id}: needs an HTTP ${probe}`);
    if (get) need(ports.has(get.port), `${id}: ${probe} port ${get.port} is not a container port`);
  }
  need(c?.livenessProbe?.httpGet?.path === '/health/live', `${id}: liveness must ask /health/live`);
  need(c?.readinessProbe?.httpGet?.path === '/health/ready', `${id}: readiness must ask /health/ready`);
}

for (const service of AUTOSCALED) {
  const name = `shipyard-${service}`;
  const hpa = find('HorizontalPodAutoscaler', name);
  need(hpa, `HorizontalPodAutoscaler ${name} is missing (each of them scales on its own)`);
  if (!hpa) continue;
  const target = hpa.spec?.scaleTargetRef;
  need(
    target?.kind === 'Deployment' && target?.name === name,
    `HPA ${name}: must scale Deployment ${name}, scales ${target?.kind}/${target?.name}`,
  );
  need(
    hpa.spec?.minReplicas >= 1 && hpa.spec?.maxReplicas >= hpa.spec?.minReplicas,
    `HPA ${name}: bad replica bounds`,
  );
}
for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
  need(
    find(hpa.spec?.scaleTargetRef?.kind, hpa.spec?.scaleTargetRef?.name),
    `HPA ${hpa.metadata.name}: target does not exist`,
  );
}

const gatewaySvc = find('Service', 'shipyard-gateway');
need(gatewaySvc, 'Service shipyard-gateway is missing');
if (gatewaySvc) {
  const pods = find('Deployment', 'shipyard-gateway')?.spec?.template;
  const labels = pods?.metadata?.labels ?? {};
  const selector = gatewaySvc.spec?.selector ?? {};
  need(
    Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v),
    'Service shipyard-gateway: selector does not match the gateway pods',
  );
  const portNames = new Set(
    (pods?.spec?.containers?.[0]?.ports ?? []).flatMap((p) => [p.name, p.containerPort]),
  );
  for (const p of gatewaySvc.spec?.ports ?? [])
    need(
      portNames.has(p.targetPort),
      `Service shipyard-gateway: targetPort ${p.targetPort} is not a gateway container port`,
    );
}

const job = objects.find((o) => o.kind === 'Job');
need(job, 'the migration Job is missing');
if (job) checkPod(`Job/${job.metadata.name}`, job.spec?.template?.spec, 'migrate');

const secret = find('Secret', 'shipyard-secrets');
for (const key of ['DATABASE_URL', 'OPENAI_API_KEY'])
  need(secret?.stringData?.[key] ?? secret?.data?.[key], `Secret shipyard-secrets: ${key} is missing`);
for (const cm of objects.filter((o) => o.kind === 'ConfigMap')) {
  for (const key of Object.keys(cm.data ?? {})) {
    need(
      !/PASSWORD|SECRET|TOKEN|API_KEY|DATABASE_URL/.test(key),
      `ConfigMap ${cm.metadata.name}: ${key} looks secret; it belongs in the Secret`,
    );
  }
}

if (problems.length > 0) {
  console.error(`manifests: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
const byKind = new Map();
for (const o of objects) byKind.set(o.kind, (byKind.get(o.kind) ?? 0) + 1);
const counts = [...byKind].map(([kind, count]) => `${count} ${kind}`);
console.log(`manifests: ok (${counts.join(', ')})`);
