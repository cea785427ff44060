/** Why a message was dead-lettered. */
export type DeadLetterKind =
  /** Not JSON, or the validator refused it: no retry can help. */
  | 'invalid_payload'
  /** The handler failed with a non-retryable error. */
  | 'rejected'
  /** Retryable failures (or lost deliveries) used up every attempt. */
  | 'exhausted';

/**
 * What lands on the dead-letter subject: enough for a person (or the orchestrator failing the task) to see
 * what was asked, where, how often it was tried and why it was given up. `payload` is the original JSON;
 * a payload that was not JSON is kept as text in `payloadText` instead, so nothing is lost.
 */
export interface DeadLetterEnvelope {
  kind: DeadLetterKind;
  reason: string;
  error?: { code?: string; message: string; details?: unknown };
  originalSubject: string;
  stream: string;
  consumer: string;
  streamSequence: number;
  deliveryCount: number;
  /** The original message's headers (request id, trace context, Nats-Msg-Id). */
  headers: Record<string, string>;
  payload?: unknown;
  payloadText?: string;
  deadLetteredAt: string;
}

export interface DeadLetterSource {
  subject: string;
  stream: string;
  consumer: string;
  streamSequence: number;
  deliveryCount: number;
  headers: Record<string, string>;
  data: Uint8Array;
}

export interface DeadLetterCause {
  kind: DeadLetterKind;
  reason: string;
  error?: { code?: string; message: string; details?: unknown };
}

/** Pure: builds the envelope from the failed message and the cause. */
export function buildDeadLetterEnvelope(
  source: DeadLetterSource,
  cause: DeadLetterCause,
  now: Date,
): DeadLetterEnvelope {
  const text = new TextDecoder().decode(source.data);
  let parsed: { ok: true; value: unknown } | { ok: false };
  try {
    parsed = { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    parsed = { ok: false };
  }
  return {
    kind: cause.kind,
    reason: cause.reason,
    ...(cause.error ? { error: cause.error } : {}),
    originalSubject: source.subject,
    stream: source.stream,
    consumer: source.consumer,
    streamSequence: source.streamSequence,
    deliveryCount: source.deliveryCount,
    headers: source.headers,
    ...(parsed.ok ? { payload: parsed.value } : { payloadText: text }),
    deadLetteredAt: now.toISOString(),
  };
}

/**
 * The dead letter's own Nats-Msg-Id: one per stored message, so that if we publish the dead letter and die
 * before `term()`, the redelivered message's second dead letter is dropped as a duplicate.
 */
export const deadLetterMsgId = (stream: string, streamSequence: number): string =>
  `dlq:${stream}:${streamSequence}`;
