import { AgentRoles, DomainError, type FieldError } from '@shipyard/contracts';
import { assertRole, assertSubjectPrefix } from '../naming/jetstream.naming';

/** Settings of the job, result and dead-letter streams and their consumers. */
export interface JobTopologyOptions {
  /** NATS_SUBJECT_PREFIX ('' in production, a unique `t1a2b3c4.` per test file). */
  prefix: string;
  /** Roles that get a job consumer. Default: every agent role. */
  roles?: readonly string[];
  /** Redelivery timer of an unanswered delivery; workers heartbeat every third of it. Default 30 s. */
  ackWaitMs?: number;
  /** Handler attempts per message before it is dead-lettered. Default 5. */
  maxAttempts?: number;
  /** Nats-Msg-Id dedup window of the job and result streams. Default 2 min. */
  duplicateWindowMs?: number;
  /** How long dead letters are kept for inspection. Default 14 days. */
  deadLetterMaxAgeMs?: number;
  /** Stream replicas (1 on a single server). Default 1. */
  replicas?: number;
}

/** The options with every default filled in. */
export type ResolvedJobTopologyOptions = Required<JobTopologyOptions>;

const DAY = 86_400_000;

/** Fills defaults and refuses out-of-range values, naming every bad field at once. */
export function resolveJobTopologyOptions(options: JobTopologyOptions): ResolvedJobTopologyOptions {
  assertSubjectPrefix(options.prefix);
  const resolved: ResolvedJobTopologyOptions = {
    prefix: options.prefix,
    roles: options.roles ?? AgentRoles,
    ackWaitMs: options.ackWaitMs ?? 30_000,
    maxAttempts: options.maxAttempts ?? 5,
    duplicateWindowMs: options.duplicateWindowMs ?? 120_000,
    deadLetterMaxAgeMs: options.deadLetterMaxAgeMs ?? 14 * DAY,
    replicas: options.replicas ?? 1,
  };
  const errors: FieldError[] = [];
  const check = (path: keyof ResolvedJobTopologyOptions, min: number, max: number): void => {
    const value = resolved[path] as number;
    if (!Number.isInteger(value) || value < min || value > max)
      errors.push({ path, messages: [`must be an integer within ${min}..${max}`] });
  };
  // AckWait below 300 ms would leave heartbeats (every third of it) racing the event loop.
  check('ackWaitMs', 300, 12 * 3_600_000);
  check('maxAttempts', 1, 100);
  check('duplicateWindowMs', 1000, DAY);
  check('deadLetterMaxAgeMs', 60_000, 365 * DAY);
  check('replicas', 1, 5);
  if (resolved.roles.length === 0) errors.push({ path: 'roles', messages: ['must name at least one role'] });
  if (new Set(resolved.roles).size !== resolved.roles.length)
    errors.push({ path: 'roles', messages: ['must not repeat a role'] });
  for (const role of resolved.roles) {
    try {
      assertRole(role);
    } catch {
      errors.push({ path: 'roles', messages: [`"${role}" is not a valid role token`] });
    }
  }
  if (errors.length > 0)
    throw new DomainError('VALIDATION_FAILED', 'Invalid JetStream topology options', errors);
  return resolved;
}
