import { hostname } from 'node:os';
import type { AgentRole } from '@shipyard/contracts';

/**
 * Names this service instance in results' `agentId`: configured, or `agent-<role>@<host>:<pid>`, which
 * tells two replicas (and a restarted process) apart in the audit trail.
 */
export function agentInstanceId(role: AgentRole, configured?: string): string {
  if (configured) return configured;
  return `agent-${role}@${hostname()}:${process.pid}`.slice(0, 200);
}
