import { randomUUID } from 'node:crypto';

/** A short id unique across parallel test files: `<prefix>-<8 hex>`. For names, keys, stream names. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().replaceAll('-', '').slice(0, 8)}`;
}

/**
 * A NATS subject prefix of this test file's own (`t<12 hex>.`), so handlers and clients of parallel files
 * sharing one NATS server never see each other's messages. Pass it as NATS_SUBJECT_PREFIX.
 */
export function testNatsPrefix(): string {
  return `t${randomUUID().replaceAll('-', '').slice(0, 12)}.`;
}
