/**
 * `Idempotency-Key` of a create: a client that retries a POST (a timeout, a dropped connection) with the
 * same key gets the first answer back instead of a second resource. Keys are the caller's own tokens,
 * scoped to its tenant and kept for a day.
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
