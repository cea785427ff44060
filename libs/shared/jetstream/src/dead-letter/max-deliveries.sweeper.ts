import {
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { DomainError, REQUEST_ID_HEADER } from '@shipyard/contracts';
import { createLogger } from '@shipyard/shared/observability';
import { assertSubjectPrefix, deadLetterSubjectFor } from '../naming/jetstream.naming';
import { publishJson } from '../publish/json.publisher';
import { buildOutgoingHeaders } from '../publish/message.headers';
import { buildDeadLetterEnvelope, deadLetterMsgId } from './dead-letter.envelope';

/** The server's advisory when a message reached a consumer's MaxDeliver. */
interface MaxDeliveriesAdvisory {
  stream: string;
  consumer: string;
  stream_seq: number;
  deliveries: number;
}

export interface MaxDeliveriesSweeperOptions {
  prefix: string;
  /** Work-queue streams to watch (the jobs and results streams of ensureJobStreams). */
  streams: readonly string[];
  logger?: Logger;
  /** PubAck timeout for the dead letter. Default 5000 ms. */
  timeoutMs?: number;
}

/** Replicas share the advisories through a queue group; a repeat would be harmless anyway (dedup). */
const QUEUE = 'shipyard-max-deliveries-sweeper';

/**
 * Backstop for the one case the workers cannot cover: the reserved last delivery was itself lost (the
 * worker died during it, or JetStream refused its dead letter). The server then leaves the message in the
 * work queue for good and publishes a MAX_DELIVERIES advisory; this moves the message to the dead-letter
 * subject (same dead-letter msg id as a worker would use, so never twice) and deletes it from the work
 * queue. Advisories are core NATS, so one published while no sweeper runs is missed: run it in the
 * orchestrator, whose pending-work sweep from PostgreSQL is the final safety net.
 */
export class MaxDeliveriesSweeper {
  private readonly logger: Logger;
  private readonly js: JetStreamClient;
  private subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly options: MaxDeliveriesSweeperOptions,
  ) {
    assertSubjectPrefix(options.prefix);
    if (options.streams.length === 0 || options.streams.some((s) => !/^[A-Za-z0-9_-]{1,200}$/.test(s))) {
      throw new DomainError('VALIDATION_FAILED', 'streams must be one or more stream names', [
        { path: 'streams', messages: ['each must be a stream name of letters, digits, _ and -'] },
      ]);
    }
    this.logger = options.logger ?? createLogger({ service: 'jetstream', level: 'warn' });
    this.js = jsm.jetstream();
  }

  /** Subscribes to the advisories; resolves once the server has the subscriptions. */
  async start(): Promise<void> {
    if (this.subscriptions.length > 0) throw new DomainError('CONFLICT', 'Sweeper already started');
    this.subscriptions = this.options.streams.map((stream) =>
      this.nc.subscribe(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stream}.*`, {
        queue: QUEUE,
        callback: (error, msg) => {
          if (error) {
            this.logger.warn({ err: error }, 'max-deliveries advisory subscription error');
            return;
          }
          this.track(this.sweep(msg));
        },
      }),
    );
    await this.nc.flush();
  }

  /** Unsubscribes and waits for sweeps in progress. */
  async stop(): Promise<void> {
    for (const sub of this.subscriptions.splice(0)) sub.unsubscribe();
    await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /** Never rejects: failures are logged (the message stays where it is, nothing is lost). */
  private async sweep(msg: Msg): Promise<void> {
    let advisory: MaxDeliveriesAdvisory;
    try {
      advisory = parseAdvisory(msg.json<unknown>());
    } catch (error) {
      this.logger.warn({ err: error, subject: msg.subject }, 'unreadable max-deliveries advisory ignored');
      return;
    }
    const { stream, consumer, stream_seq: seq, deliveries } = advisory;
    try {
      const stored = await this.jsm.streams.getMessage(stream, { seq });
      if (!stored) return; // Already acked or terminated: nothing is stuck.
      const headers: Record<string, string> = {};
      if (stored.header) for (const key of stored.header.keys()) headers[key] = stored.header.get(key);
      const envelope = buildDeadLetterEnvelope(
        {
          subject: stored.subject,
          stream,
          consumer,
          streamSequence: seq,
          deliveryCount: deliveries,
          headers,
          data: stored.data,
        },
        {
          kind: 'exhausted',
          reason: `reached MaxDeliver (${deliveries} deliveries) without an outcome; moved by the max-deliveries sweeper`,
        },
        new Date(),
      );
      const outgoing = buildOutgoingHeaders({
        ...(headers[REQUEST_ID_HEADER] ? { requestId: headers[REQUEST_ID_HEADER] } : {}),
        headers: { 'Shipyard-Dead-Letter-Kind': 'exhausted', 'Shipyard-Original-Subject': stored.subject },
      });
      const subject = deadLetterSubjectFor(this.options.prefix, stored.subject);
      await publishJson(
        this.js,
        subject,
        envelope,
        deadLetterMsgId(stream, seq),
        outgoing,
        this.options.timeoutMs ?? 5000,
      );
      await this.deleteIfPresent(stream, seq);
      this.logger.warn(
        { stream, consumer, seq, deliveries, deadLetterSubject: subject },
        'stuck message moved to the dead-letter subject',
      );
    } catch (error) {
      this.logger.error(
        { err: error, stream, consumer, seq },
        'could not move a message that reached MaxDeliver; it stays in its stream',
      );
    }
  }

  private async deleteIfPresent(stream: string, seq: number): Promise<void> {
    try {
      await this.jsm.streams.deleteMessage(stream, seq, false);
    } catch (error) {
      // Someone (a late ack) removed it first.
      if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.NoMessageFound))
        throw error;
    }
  }
}

function parseAdvisory(input: unknown): MaxDeliveriesAdvisory {
  const value = input as Partial<MaxDeliveriesAdvisory> | null;
  if (
    typeof value?.stream !== 'string' ||
    typeof value.consumer !== 'string' ||
    !Number.isInteger(value.stream_seq) ||
    (value.stream_seq ?? 0) < 1 ||
    !Number.isInteger(value.deliveries)
  ) {
    throw new Error('advisory lacks stream, consumer, stream_seq or deliveries');
  }
  return value as MaxDeliveriesAdvisory;
}
