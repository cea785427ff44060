import { createHash } from 'node:crypto';
import {
  DomainError,
  deadLetterSubject,
  jobSubject,
  resultSubject,
  type AgentRole,
} from '@shipyard/contracts';

/** Same rule as BaseServiceConfig.NATS_SUBJECT_PREFIX: empty, or dot-terminated tokens. */
const PREFIX_PATTERN = /^([A-Za-z0-9_-]+\.)*$/;
/** A role is one subject token and part of a consumer name, so it must be safe in both. */
const ROLE_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Literal subject tokens only: publishing to a wildcard would be refused by the server anyway. */
const SUBJECT_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

const JOB_ROOT = 'agent.v1.job';
const RESULT_ROOT = 'agent.v1.result';
const DLQ_ROOT = 'agent.v1.dlq';

/** Names of the three streams one deployment (or one test file) uses. */
export interface JobStreamNames {
  jobs: string;
  results: string;
  deadLetters: string;
}

/** Durable consumer on the results stream (the orchestrator side). */
export const RESULTS_CONSUMER = 'results';
/** Durable consumer on the dead-letter stream, for whoever fails tasks whose jobs were dead-lettered. */
export const DEAD_LETTERS_CONSUMER = 'dead-letters';

/** Throws VALIDATION_FAILED unless `prefix` is '' or dot-terminated tokens (`t1a2b.`). */
export function assertSubjectPrefix(prefix: string): void {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new DomainError('VALIDATION_FAILED', 'Subject prefix must be empty or dot-terminated tokens', [
      { path: 'prefix', messages: [`"${prefix}" does not match ${PREFIX_PATTERN.source}`] },
    ]);
  }
}

/** Throws VALIDATION_FAILED unless `role` is one lower-case subject token. */
export function assertRole(role: string): void {
  if (!ROLE_PATTERN.test(role)) {
    throw new DomainError('VALIDATION_FAILED', 'Role must be a lower-case subject token', [
      { path: 'role', messages: [`"${role}" does not match ${ROLE_PATTERN.source}`] },
    ]);
  }
}

/** Throws VALIDATION_FAILED unless `subject` is literal tokens (no wildcards) of at most 255 chars. */
export function assertSubject(subject: string, path = 'subject'): void {
  if (subject.length > 255 || !SUBJECT_PATTERN.test(subject)) {
    throw new DomainError('VALIDATION_FAILED', 'Subject must be literal dot-separated tokens', [
      { path, messages: [`"${subject.slice(0, 80)}" is not a literal subject of at most 255 characters`] },
    ]);
  }
}

/**
 * Stream names derived from the subject prefix, so that parallel test files (each with its own prefix)
 * never share a stream. A short hash of the prefix keeps names distinct even where two prefixes would read
 * the same once their dots are replaced (`a.b_` and `a_b.`); the readable part is for people running
 * `nats stream ls`. The empty prefix (production) gets plain names.
 */
export function jobStreamNames(prefix: string): JobStreamNames {
  assertSubjectPrefix(prefix);
  if (prefix === '') return { jobs: 'AGENT_JOBS', results: 'AGENT_RESULTS', deadLetters: 'AGENT_DLQ' };
  const readable = prefix.slice(0, -1).replace(/\./g, '_').slice(0, 48);
  const hash = createHash('sha256').update(prefix).digest('hex').slice(0, 8);
  const base = `${readable}_${hash}`;
  return { jobs: `${base}_AGENT_JOBS`, results: `${base}_AGENT_RESULTS`, deadLetters: `${base}_AGENT_DLQ` };
}

/** One durable pull consumer per role on the job stream; work-queue streams need disjoint filters. */
export function jobConsumerName(role: string): string {
  assertRole(role);
  return `job-${role}`;
}

/** Subjects of the jobs stream: `<prefix>agent.v1.job.*`. */
export const jobStreamSubjects = (prefix: string): string => `${prefix}${JOB_ROOT}.*`;
/** Subjects of the results stream: `<prefix>agent.v1.result.*`. */
export const resultStreamSubjects = (prefix: string): string => `${prefix}${RESULT_ROOT}.*`;
/**
 * `>` rather than `*`: job dead letters use `agent.v1.dlq.<role>` (as the contracts say) and result dead
 * letters `agent.v1.dlq.result.<role>`, so one stream keeps both for inspection.
 */
export const deadLetterStreamSubjects = (prefix: string): string => `${prefix}${DLQ_ROOT}.>`;

/** `<prefix>agent.v1.job.<role>`; roles outside AgentRoles are allowed (tests, future roles) if well-formed. */
export function prefixedJobSubject(prefix: string, role: string): string {
  assertRole(role);
  return `${prefix}${jobSubject(role as AgentRole)}`;
}

/** `<prefix>agent.v1.result.<role>`. */
export function prefixedResultSubject(prefix: string, role: string): string {
  assertRole(role);
  return `${prefix}${resultSubject(role as AgentRole)}`;
}

/**
 * Where a message that failed for good on `subject` is dead-lettered: a job on `agent.v1.job.<role>` goes
 * to `agent.v1.dlq.<role>`, a result on `agent.v1.result.<role>` to `agent.v1.dlq.result.<role>`.
 * Throws for any other subject: a message we cannot place must not be terminated.
 */
export function deadLetterSubjectFor(prefix: string, subject: string): string {
  assertSubjectPrefix(prefix);
  const relative = subject.startsWith(prefix) ? subject.slice(prefix.length) : undefined;
  const match =
    relative === undefined ? null : /^agent\.v1\.(job|result)\.([a-z0-9][a-z0-9-]*)$/.exec(relative);
  if (!match) {
    throw new DomainError('VALIDATION_FAILED', 'No dead-letter subject for this subject', [
      {
        path: 'subject',
        messages: [`"${subject}" is not ${prefix}agent.v1.job.<role> or ${prefix}agent.v1.result.<role>`],
      },
    ]);
  }
  const [, kind, role] = match as unknown as [string, 'job' | 'result', string];
  return kind === 'job'
    ? `${prefix}${deadLetterSubject(role as AgentRole)}`
    : `${prefix}${DLQ_ROOT}.result.${role}`;
}
