import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import type { MsgHdrs } from '@nats-io/transport-node';
import { DomainError } from '@shipyard/contracts';
import { assertSubject } from '../naming/jetstream.naming';

/** What the stream said about a publish. `duplicate` is true when the msg id was already stored. */
export interface PublishReceipt {
  stream: string;
  seq: number;
  duplicate: boolean;
}

/** Nats-Msg-Id travels as a header value: one line, bounded, non-empty. */
const MSG_ID = /^[\x21-\x7e]{1,512}$/;

/**
 * Serialises `payload` to JSON and publishes it to JetStream with `msgId` as Nats-Msg-Id, waiting for the
 * stream's PubAck (the message is stored once this resolves). Failures to reach the stream become a
 * retryable SERVICE_UNAVAILABLE; bad input a VALIDATION_FAILED.
 */
export async function publishJson(
  js: JetStreamClient,
  subject: string,
  payload: unknown,
  msgId: string,
  headers: MsgHdrs,
  timeoutMs: number,
): Promise<PublishReceipt> {
  assertSubject(subject);
  if (!MSG_ID.test(msgId)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'Message id must be 1-512 printable ASCII characters without spaces',
      [{ path: 'msgId', messages: ['must match [\\x21-\\x7e]{1,512}'] }],
    );
  }
  const body = serialise(payload);
  let ack: PubAck;
  try {
    ack = await js.publish(subject, body, { msgID: msgId, headers, timeout: timeoutMs });
  } catch (error) {
    throw new DomainError(
      'SERVICE_UNAVAILABLE',
      'JetStream did not store the message',
      { subject, cause: error instanceof Error ? error.message : String(error) },
      true,
    );
  }
  return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
}

function serialise(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) {
    throw new DomainError('VALIDATION_FAILED', 'Payload must be a JSON object or array', [
      { path: 'payload', messages: ['must be an object or an array'] },
    ]);
  }
  try {
    return JSON.stringify(payload);
  } catch (error) {
    throw new DomainError('VALIDATION_FAILED', 'Payload is not serialisable to JSON', [
      { path: 'payload', messages: [error instanceof Error ? error.message : 'not serialisable'] },
    ]);
  }
}
