import { context as otelContext } from '@opentelemetry/api';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import { REQUEST_ID_HEADER } from '@shipyard/contracts';
import { runWithContext, type RequestContext } from '@shipyard/shared/observability';
import {
  buildDeadLetterEnvelope,
  deadLetterMsgId,
  type DeadLetterCause,
} from '../dead-letter/dead-letter.envelope';
import { publishJson } from '../publish/json.publisher';
import { buildOutgoingHeaders, extractTraceContext, headersToRecord } from '../publish/message.headers';
import { retryDelayMs, type RetryBackoffPolicy } from '../retry/retry.backoff';
import { classifyHandlerFailure, failureDetails } from './handler-failure.classifier';
import type { ConsumerHooks, MessageHandler, PayloadValidator, ProcessOutcome } from './consumer.types';

export interface MessageProcessorOptions<T> {
  js: JetStreamClient;
  handler: MessageHandler<T>;
  validate: PayloadValidator<T>;
  maxAttempts: number;
  ackWaitMs: number;
  retryBackoff: RetryBackoffPolicy;
  /** Where a given-up message is copied; `null` when its own stream keeps it (the dead-letter stream). */
  deadLetterSubject: ((subject: string) => string) | null;
  handlerTimeoutMs: number;
  ackTimeoutMs: number;
  logger: Logger;
  hooks?: ConsumerHooks;
}

type OutcomeBase = Pick<ProcessOutcome, 'subject' | 'streamSequence' | 'deliveryCount'>;

/** Attempts at storing a dead letter before handing the message back to the server. */
const DEAD_LETTER_ATTEMPTS = 3;

/**
 * Decides the fate of one delivery: validate, run the handler with heartbeats, then ack, retry later, or
 * dead-letter and terminate. Never throws: every path ends in an outcome, so the pull loop cannot leak a
 * rejection. Nothing is acked or terminated before the work (or the dead letter) is stored.
 */
export class MessageProcessor<T> {
  private readonly active = new Set<AbortController>();

  constructor(private readonly o: MessageProcessorOptions<T>) {}

  /**
   * @param onHandlerSettled called as soon as the handler has finished (before the ack round trip), so the
   *   pull loop can ask for the next message while this one's ack is confirmed. A message past its handler
   *   needs no heartbeat, so holding it a little longer does not risk a redelivery.
   */
  async process(msg: JsMsg, onHandlerSettled: () => void = () => undefined): Promise<ProcessOutcome> {
    const base: OutcomeBase = {
      subject: msg.subject,
      streamSequence: msg.info.streamSequence,
      deliveryCount: msg.info.deliveryCount,
    };
    const headers = headersToRecord(msg.headers);
    let outcome: ProcessOutcome;
    try {
      outcome = await this.decide(msg, base, headers, onHandlerSettled);
    } catch (error) {
      // A closed connection (nak/term throw then) or a bug here; either way the server redelivers after AckWait.
      this.o.logger.error({ err: error, ...base }, 'jetstream message processing failed unexpectedly');
      outcome = { ...base, kind: 'dead-letter-failed', reason: 'unexpected processing error' };
    }
    this.report(outcome);
    return outcome;
  }

  /** Hands a message back unprocessed (it arrived while the loop was stopping). */
  release(msg: JsMsg): ProcessOutcome {
    try {
      msg.nak();
    } catch (error) {
      // Connection already closed: the server redelivers after AckWait anyway.
      this.o.logger.debug({ err: error }, 'jetstream release failed');
    }
    const outcome: ProcessOutcome = {
      kind: 'released',
      subject: msg.subject,
      streamSequence: msg.info.streamSequence,
      deliveryCount: msg.info.deliveryCount,
    };
    this.report(outcome);
    return outcome;
  }

  /** Aborts every running handler and stops its heartbeats, so the server redelivers after AckWait. */
  abortAll(reason: string): number {
    for (const controller of this.active) controller.abort(new Error(reason));
    return this.active.size;
  }

  private async decide(
    msg: JsMsg,
    base: OutcomeBase,
    headers: Record<string, string>,
    onHandlerSettled: () => void,
  ): Promise<ProcessOutcome> {
    const { maxAttempts } = this.o;
    if (base.deliveryCount > maxAttempts) {
      // The reserved extra delivery: the last attempt was never answered (its worker died or hung).
      return this.giveUp(msg, base, headers, {
        kind: 'exhausted',
        reason: `no outcome after ${maxAttempts} attempt(s): the last delivery was never answered (worker lost or hung)`,
      });
    }
    let data: T;
    try {
      data = this.o.validate(msg.json<unknown>());
    } catch (error) {
      const failure = classifyHandlerFailure(error);
      return this.giveUp(msg, base, headers, {
        kind: 'invalid_payload',
        reason: `invalid payload: ${failure.message}`,
        error: failureDetails(failure),
      });
    }
    const error = await this.runHandler(msg, data, base, headers);
    onHandlerSettled();
    if (error === undefined) return this.ack(msg, base);
    const failure = classifyHandlerFailure(error);
    const errorInfo = failureDetails(failure);
    if (!failure.retryable) {
      return this.giveUp(msg, base, headers, {
        kind: 'rejected',
        reason: `non-retryable failure: ${failure.message}`,
        error: errorInfo,
      });
    }
    if (base.deliveryCount >= maxAttempts) {
      return this.giveUp(msg, base, headers, {
        kind: 'exhausted',
        reason: `failed ${base.deliveryCount} of ${maxAttempts} attempt(s); last error: ${failure.message}`,
        error: errorInfo,
      });
    }
    const delayMs = failure.retryAfterMs ?? retryDelayMs(base.deliveryCount, this.o.retryBackoff);
    msg.nak(delayMs);
    this.o.logger.warn(
      { ...base, delayMs, error: failure.message },
      'jetstream handler failed; retrying later',
    );
    return { ...base, kind: 'retry', delayMs, reason: failure.message };
  }

  /** Runs the handler with automatic heartbeats; resolves to its error, or undefined on success. */
  private async runHandler(
    msg: JsMsg,
    data: T,
    base: OutcomeBase,
    headers: Record<string, string>,
  ): Promise<unknown> {
    const controller = new AbortController();
    this.active.add(controller);
    const beat = (automatic: boolean): void => {
      if (controller.signal.aborted) return;
      try {
        msg.working();
      } catch (error) {
        // A closed connection throws here; from a timer that would be an uncaught exception.
        this.o.logger.warn({ err: error, ...base }, 'jetstream heartbeat failed');
        return;
      }
      this.safeHook(() => this.o.hooks?.onHeartbeat?.({ ...base, automatic }));
    };
    // A third of AckWait leaves two more chances if one heartbeat is delayed by a busy event loop.
    const ticker = setInterval(() => beat(true), Math.max(100, Math.floor(this.o.ackWaitMs / 3)));
    const timeout = setTimeout(
      () => controller.abort(new Error(`handler exceeded ${this.o.handlerTimeoutMs} ms`)),
      this.o.handlerTimeoutMs,
    );
    // Once aborted (timeout, or stop() gave up), stop heartbeating so the server can redeliver, and hold no
    // timers for a handler that may never settle.
    controller.signal.addEventListener(
      'abort',
      () => {
        clearInterval(ticker);
        clearTimeout(timeout);
      },
      { once: true },
    );
    const requestContext: RequestContext = {
      ...contextFromPayload(data),
      ...(headers[REQUEST_ID_HEADER] ? { requestId: headers[REQUEST_ID_HEADER] } : {}),
    };
    try {
      await runWithContext(requestContext, () =>
        otelContext.with(extractTraceContext(headers), () =>
          // Promise.resolve().then: a handler that throws synchronously is a rejection like any other.
          Promise.resolve().then(() =>
            this.o.handler({
              data,
              deliveryCount: base.deliveryCount,
              maxAttempts: this.o.maxAttempts,
              subject: base.subject,
              streamSequence: base.streamSequence,
              headers,
              heartbeat: () => beat(false),
              signal: controller.signal,
            }),
          ),
        ),
      );
      return undefined;
    } catch (error) {
      return error ?? new Error('handler rejected without a reason');
    } finally {
      clearInterval(ticker);
      clearTimeout(timeout);
      this.active.delete(controller);
    }
  }

  private async ack(msg: JsMsg, base: OutcomeBase): Promise<ProcessOutcome> {
    try {
      // Double ack: we only call the job done once the server says it recorded the ack.
      const confirmed = await msg.ackAck({ timeout: this.o.ackTimeoutMs });
      if (confirmed) return { ...base, kind: 'acked' };
      return { ...base, kind: 'ack-unconfirmed', reason: 'message was already acknowledged' };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.o.logger.warn({ ...base, reason }, 'jetstream ack not confirmed; the message may be redelivered');
      return { ...base, kind: 'ack-unconfirmed', reason };
    }
  }

  /** Copies the message to the dead-letter subject, then terminates it; never terminates without a copy. */
  private async giveUp(
    msg: JsMsg,
    base: OutcomeBase,
    headers: Record<string, string>,
    cause: DeadLetterCause,
  ): Promise<ProcessOutcome> {
    if (this.o.deadLetterSubject === null) {
      msg.term();
      this.o.logger.warn(
        { ...base, reason: cause.reason },
        'jetstream message terminated (its stream keeps it)',
      );
      return { ...base, kind: 'terminated', deadLetterKind: cause.kind, reason: cause.reason };
    }
    let lastError: unknown;
    let subject: string | undefined;
    try {
      subject = this.o.deadLetterSubject(msg.subject);
      const envelope = buildDeadLetterEnvelope(
        {
          subject: msg.subject,
          stream: msg.info.stream,
          consumer: msg.info.consumer,
          streamSequence: base.streamSequence,
          deliveryCount: base.deliveryCount,
          headers,
          data: msg.data,
        },
        cause,
        new Date(),
      );
      const outgoing = buildOutgoingHeaders({
        ...(headers[REQUEST_ID_HEADER] ? { requestId: headers[REQUEST_ID_HEADER] } : {}),
        headers: { 'Shipyard-Dead-Letter-Kind': cause.kind, 'Shipyard-Original-Subject': msg.subject },
      });
      for (let attempt = 1; attempt <= DEAD_LETTER_ATTEMPTS; attempt++) {
        try {
          msg.working();
          await publishJson(
            this.o.js,
            subject,
            envelope,
            deadLetterMsgId(msg.info.stream, base.streamSequence),
            outgoing,
            this.o.ackTimeoutMs,
          );
          msg.term();
          this.o.logger.warn(
            { ...base, deadLetterSubject: subject, kind: cause.kind, reason: cause.reason },
            'jetstream message dead-lettered',
          );
          return {
            ...base,
            kind: 'dead-lettered',
            deadLetterKind: cause.kind,
            deadLetterSubject: subject,
            reason: cause.reason,
          };
        } catch (error) {
          lastError = error;
          if (attempt < DEAD_LETTER_ATTEMPTS)
            await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
      }
    } catch (error) {
      lastError = error;
    }
    const reason = `dead letter not stored: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
    if (base.deliveryCount <= this.o.maxAttempts) {
      // Hand it back: a later delivery tries the dead letter again (same msg id, so stored at most once).
      msg.nak(retryDelayMs(base.deliveryCount, this.o.retryBackoff));
      this.o.logger.error({ ...base, subject, reason }, 'jetstream dead letter failed; message handed back');
    } else {
      // The server will not deliver it again: say loudly where it sits so an operator can move it.
      this.o.logger.error(
        { ...base, stream: msg.info.stream, subject, reason },
        'jetstream dead letter failed on the last delivery; message left in its stream',
      );
    }
    return { ...base, kind: 'dead-letter-failed', reason };
  }

  private report(outcome: ProcessOutcome): void {
    this.safeHook(() => this.o.hooks?.onOutcome?.(outcome));
  }

  private safeHook(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.o.logger.warn({ err: error }, 'jetstream consumer hook threw');
    }
  }
}

/** Log context from the payload's ids when it carries them (jobs and results do). */
function contextFromPayload(data: unknown): RequestContext {
  if (typeof data !== 'object' || data === null) return {};
  const record = data as Record<string, unknown>;
  const pick = (key: string): Record<string, string> =>
    typeof record[key] === 'string' ? { [key]: record[key] } : {};
  return { ...pick('tenantId'), ...pick('runId'), ...pick('taskId'), ...pick('requestId') };
}
