import type { HealthCheck } from '@shipyard/contracts';

export type CheckState = 'up' | 'down' | 'unknown';

export interface Readiness {
  ready: boolean;
  checks: { nats: CheckState; 'project-service': CheckState; database: CheckState };
}

/**
 * The gateway can serve the API only when NATS carries its requests and project-service (which verifies
 * every key) answers with its database up. An answer proves NATS works; no answer cannot tell a NATS outage
 * from a project-service one, so both are reported honestly rather than guessed. Pure, to test without a network.
 */
export function readinessFrom(answer: HealthCheck.Reply | 'no-answer'): Readiness {
  if (answer === 'no-answer')
    return { ready: false, checks: { nats: 'unknown', 'project-service': 'down', database: 'unknown' } };
  const database: CheckState = answer.checks?.database === 'up' ? 'up' : 'down';
  return { ready: database === 'up', checks: { nats: 'up', 'project-service': 'up', database } };
}
