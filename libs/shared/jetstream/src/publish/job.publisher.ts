import type { JetStreamClient } from '@nats-io/jetstream';
import { DomainError } from '@shipyard/contracts';
import { assertSubjectPrefix } from '../naming/jetstream.naming';
import { buildOutgoingHeaders } from './message.headers';
import { publishJson, type PublishReceipt } from './json.publisher';

export interface JobPublisherOptions {
  /** NATS_SUBJECT_PREFIX; prepended to every subject given to publish(). */
  prefix: string;
  /** How long to wait for the stream's PubAck. Default 5000 ms. */
  timeoutMs?: number;
}

export interface PublishOptions {
  /** Overrides the request id taken from the current context. */
  requestId?: string;
  /** Extra headers carried to the consumer (trace context, tenant...). `Nats-*` names are refused. */
  headers?: Record<string, string>;
}

/**
 * Publishes jobs and results to JetStream. The same `msgId` published twice within the stream's duplicate
 * window is stored once (the second PubAck says `duplicate: true`), so a caller that does not know whether
 * its first publish landed (a crash, a timeout) simply publishes again.
 */
export class JobPublisher {
  private readonly prefix: string;
  private readonly timeoutMs: number;

  constructor(
    private readonly js: JetStreamClient,
    options: JobPublisherOptions,
  ) {
    assertSubjectPrefix(options.prefix);
    const timeoutMs = options.timeoutMs ?? 5000;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 120_000) {
      throw new DomainError('VALIDATION_FAILED', 'timeoutMs must be an integer within 1..120000', [
        { path: 'timeoutMs', messages: ['must be an integer within 1..120000'] },
      ]);
    }
    this.prefix = options.prefix;
    this.timeoutMs = timeoutMs;
  }

  /**
   * @param subject unprefixed subject, e.g. `jobSubject('developer')` from the contracts
   * @param payload JSON object (the job or result)
   * @param msgId the payload's idempotency key (the job id), sent as Nats-Msg-Id
   * @returns the stream, sequence and duplicate flag from the PubAck
   */
  async publish(
    subject: string,
    payload: object,
    msgId: string,
    options: PublishOptions = {},
  ): Promise<PublishReceipt> {
    const headers = buildOutgoingHeaders(options);
    return publishJson(this.js, `${this.prefix}${subject}`, payload, msgId, headers, this.timeoutMs);
  }
}
