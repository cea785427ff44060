import { randomUUID } from 'node:crypto';

/** What we accept from a caller's `x-request-id`: short, and safe to put in logs and NATS headers. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Keeps the caller's request id when it is a sane token, so their logs and ours correlate; anything else
 * (missing, too long, odd characters that could forge log lines, repeated headers) gets a fresh UUID.
 */
export function resolveRequestId(
  header: string | string[] | undefined,
  generate: () => string = randomUUID,
): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : generate();
}
