import { createHash } from 'node:crypto';
import { DomainError } from '@shipyard/contracts';

/** Same rule as NATS_SUBJECT_PREFIX: empty, or dot-terminated tokens. */
const PREFIX_PATTERN = /^([A-Za-z0-9_-]+\.)*$/;

/**
 * The KV bucket of one deployment's stored results. Buckets are not under the subject prefix (KV subjects
 * are `$KV.<bucket>.<key>`), so the prefix goes into the name: parallel test files (each with a prefix)
 * never share a bucket, and the production prefix '' gets the plain name.
 */
export function resultBucketName(prefix: string): string {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new DomainError('VALIDATION_FAILED', 'Subject prefix must be empty or dot-terminated tokens', [
      { path: 'prefix', messages: [`"${prefix}" does not match ${PREFIX_PATTERN.source}`] },
    ]);
  }
  if (prefix === '') return 'agent-results';
  const readable = prefix.slice(0, -1).replace(/\./g, '_').slice(0, 32);
  const hash = createHash('sha256').update(prefix).digest('hex').slice(0, 10);
  return `agent-results-${readable}-${hash}`;
}

/**
 * A jobId as a KV key. Job ids contain ':' (not allowed in keys) and may contain '.', which KV would read
 * as a token separator (and `a..b` would be refused); base64url is reversible, so a stored key still
 * tells an operator which job it belongs to.
 */
export function resultKey(jobId: string): string {
  if (jobId.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'jobId is empty', [{ path: 'jobId', messages: ['is empty'] }]);
  }
  return Buffer.from(jobId, 'utf8').toString('base64url');
}

/** The jobId a key was made from. */
export function jobIdOfKey(key: string): string {
  return Buffer.from(key, 'base64url').toString('utf8');
}

/**
 * Key of the tokens delivery `deliveryCount` of a job spent before failing: `spent.<job key>.<n>`, so one
 * job's entries can be listed with the wildcard `spent.<job key>.*`, and a redelivered failure writes its
 * own entry once.
 */
export function spentKey(jobId: string, deliveryCount: number): string {
  if (!Number.isInteger(deliveryCount) || deliveryCount < 1) {
    throw new DomainError('VALIDATION_FAILED', 'deliveryCount must be a positive integer', [
      { path: 'deliveryCount', messages: ['must be a positive integer'] },
    ]);
  }
  return `spent.${resultKey(jobId)}.${deliveryCount}`;
}

/** The wildcard matching every spent entry of a job. */
export function spentKeys(jobId: string): string {
  return `spent.${resultKey(jobId)}.*`;
}
