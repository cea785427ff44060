import { DomainError, JobKinds, type AgentRole, type JobKind } from '@shipyard/contracts';
import type { AgentJobHandler } from './agent-job.handler';

/** Which role does which kind (as the orchestrator's graph dispatches them). */
export const KIND_ROLES: Readonly<Record<JobKind, AgentRole>> = Object.freeze({
  analyze_requirements: 'pm',
  create_tasks: 'pm',
  bootstrap_repo: 'developer',
  implement: 'developer',
  fix: 'developer',
  review: 'lead',
  test: 'qa',
  security_scan: 'security',
  document: 'docs',
  prepare_deploy: 'devops',
});

/** The kinds a role must handle. */
export const kindsOfRole = (role: AgentRole): JobKind[] =>
  JobKinds.filter((kind) => KIND_ROLES[kind] === role);

/**
 * A role's handlers by kind. Built at start and checked there: a role missing a handler for one of its
 * kinds, or given one for another role's kind or twice, is a wiring bug that must stop the service from
 * starting rather than fail jobs at run time.
 */
export class HandlerRegistry {
  private readonly byKind: ReadonlyMap<JobKind, AgentJobHandler>;

  constructor(
    readonly role: AgentRole,
    handlers: readonly AgentJobHandler[],
  ) {
    const problems: string[] = [];
    const byKind = new Map<JobKind, AgentJobHandler>();
    for (const handler of handlers) {
      if (!JobKinds.includes(handler.kind)) problems.push(`unknown kind "${String(handler.kind)}"`);
      else if (KIND_ROLES[handler.kind] !== role)
        problems.push(`${handler.kind} belongs to ${KIND_ROLES[handler.kind]}, not ${role}`);
      else if (byKind.has(handler.kind)) problems.push(`${handler.kind} has two handlers`);
      else byKind.set(handler.kind, handler);
    }
    for (const kind of kindsOfRole(role)) if (!byKind.has(kind)) problems.push(`${kind} has no handler`);
    if (problems.length > 0) {
      throw new DomainError('VALIDATION_FAILED', `Handlers of role ${role} are miswired`, [
        { path: 'handlers', messages: problems },
      ]);
    }
    this.byKind = byKind;
  }

  /** The handler of `kind`, or undefined when this role does not do that kind. */
  get(kind: JobKind): AgentJobHandler | undefined {
    return this.byKind.get(kind);
  }
}
