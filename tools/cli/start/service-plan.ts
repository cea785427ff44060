import { join } from 'node:path';
import { nodeFlagsOf, ServiceNames, type ServiceName } from '@shipyard/contracts';
import type { StartConfig } from './start.config';

/** One service to spawn: what to run and which variables it gets on top of the launcher's environment. */
export interface ServiceSpec {
  name: ServiceName;
  entry: string;
  /** V8 flags before the entry (ServiceNodeFlags). */
  nodeFlags: readonly string[];
  env: Record<string, string>;
  /** Where a person can probe it over HTTP; the gateway answers /health/* on its own port. */
  healthUrl: string;
}

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
): ServiceSpec[] {
  const others = ServiceNames.filter((name) => name !== 'gateway');
  return ServiceNames.filter((name) => only.includes(name)).map((name): ServiceSpec => {
    const entry = join(distDir, 'apps', name, 'src', 'main.js');
    if (name === 'gateway') {
      const port = String(config.GATEWAY_PORT);
      return {
        name,
        entry,
        nodeFlags: nodeFlagsOf(name),
        env: { GATEWAY_PORT: port, HEALTH_PORT: '0', LOG_FORMAT: config.LOG_FORMAT },
        healthUrl: `http://localhost:${port}/health/ready`,
      };
    }
    const port = String(config.HEALTH_PORT_BASE + others.indexOf(name));
    return {
      name,
      entry,
      nodeFlags: nodeFlagsOf(name),
      env: { HEALTH_PORT: port, LOG_FORMAT: config.LOG_FORMAT },
      healthUrl: `http://localhost:${port}/health/ready`,
    };
  });
}

/** Reads `--services a,b` (for trying a subset); every name must be one of the eleven. */
export function parseServiceList(value: string | undefined): ServiceName[] {
  if (value === undefined) return [...ServiceNames];
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(ServiceNames as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `--services takes a comma-separated list of: ${ServiceNames.join(', ')} (unknown: ${unknown.join(', ') || 'none given'})`,
    );
  }
  return ServiceNames.filter((name) => names.includes(name));
}
