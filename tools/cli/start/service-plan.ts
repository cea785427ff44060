import { join } from 'node:path';
import { nodeFlagsOf, ServiceNames, type ServiceName } from '@shipyard/contracts';
import type { StartConfig } from './start.config';

/** One service to spawn: what to run and which variables it gets on top of the launcher's environment. */
export interface ServiceSpec {
  name: ServiceName;
  /** 1 for a service's first process; 2, 3... for the further replicas `--replicas` asks for. */
  replica: number;
  entry: string;
  /** V8 flags before the entry (ServiceNodeFlags). */
  nodeFlags: readonly string[];
  env: Record<string, string>;
  /** Where a person can probe it over HTTP (first replicas only); the gateway answers /health/* on its own port. */
  healthUrl: string | null;
}

/** Services `--replicas` may scale on one machine: they share work through JetStream consumers and leases. */
export const ScalableServices: readonly ServiceName[] = ServiceNames.filter(
  (name) => name.startsWith('agent-') || name === 'run-orchestrator',
);

/** How the launcher names one process: the service, or `agent-developer#2` for its second replica. */
export function instanceOf(spec: Pick<ServiceSpec, 'name' | 'replica'>): string {
  return spec.replica > 1 ? `${spec.name}#${spec.replica}` : spec.name;
}

export type ReplicaCounts = Partial<Record<ServiceName, number>>;

export type PlanConfig = Pick<StartConfig, 'GATEWAY_PORT' | 'HEALTH_PORT_BASE' | 'LOG_FORMAT'>;

/**
 * Decides, without side effects, how each service is started: its compiled entry under dist/ and distinct
 * ports so that eleven processes on one machine never fight over one. Health ports are given by position
 * in ServiceNames, so a service keeps its port whatever subset is started.
 */
export function planServices(
  distDir: string,
  config: PlanConfig,
  only: readonly ServiceName[] = ServiceNames,
  replicas: ReplicaCounts = {},
): ServiceSpec[] {
  const others = ServiceNames.filter((name) => name !== 'gateway');
  const firsts = ServiceNames.filter((name) => only.includes(name)).map((name): ServiceSpec => {
    const entry = join(distDir, 'apps', name, 'src', 'main.js');
    const nodeFlags = nodeFlagsOf(name);
    if (name === 'gateway') {
      const port = String(config.GATEWAY_PORT);
      return {
        name,
        replica: 1,
        entry,
        nodeFlags,
        env: { GATEWAY_PORT: port, HEALTH_PORT: '0', LOG_FORMAT: config.LOG_FORMAT },
        healthUrl: `http://localhost:${port}/health/ready`,
      };
    }
    const port = String(config.HEALTH_PORT_BASE + others.indexOf(name));
    return {
      name,
      replica: 1,
      entry,
      nodeFlags,
      env: { HEALTH_PORT: port, LOG_FORMAT: config.LOG_FORMAT },
      healthUrl: `http://localhost:${port}/health/ready`,
    };
  });
  // Further replicas answer the same NATS health subject; they get no HTTP probe port of their own.
  const further = firsts.flatMap((first) =>
    Array.from({ length: (replicas[first.name] ?? 1) - 1 }, (_, i): ServiceSpec => ({
      ...first,
      replica: i + 2,
      env: { ...first.env, HEALTH_PORT: '0' },
      healthUrl: null,
    })),
  );
  return [...firsts, ...further];
}

/** Reads `--replicas agent-developer=3,agent-qa=2`: 1 to 16 processes of a scalable service each. */
export function parseReplicaCounts(value: string | undefined): ReplicaCounts {
  const counts: ReplicaCounts = {};
  if (value === undefined) return counts;
  for (const item of commaList(value)) {
    const match = /^([a-z-]+)=(\d+)$/.exec(item);
    const name = match?.[1] as ServiceName | undefined;
    const count = Number(match?.[2]);
    if (!name || !ScalableServices.includes(name) || !(count >= 1 && count <= 16)) {
      throw new Error(
        `--replicas takes <service>=<1-16>[,...] for: ${ScalableServices.join(', ')} (got: ${item})`,
      );
    }
    counts[name] = count;
  }
  return counts;
}

/** Reads `--services a,b` (for trying a subset); every name must be one of the eleven. */
export function parseServiceList(value: string | undefined): ServiceName[] {
  if (value === undefined) return [...ServiceNames];
  const names = commaList(value);
  const unknown = names.filter((name) => !(ServiceNames as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `--services takes a comma-separated list of: ${ServiceNames.join(', ')} (unknown: ${unknown.join(', ') || 'none given'})`,
    );
  }
  return ServiceNames.filter((name) => names.includes(name));
}

/** The non-blank items of a command-line list like `a, b,,c`. */
function commaList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
