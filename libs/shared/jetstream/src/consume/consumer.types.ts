import type { Logger } from 'pino';
import type { DeadLetterKind } from '../dead-letter/dead-letter.envelope';
import type { RetryBackoffPolicy } from '../retry/retry.backoff';

/** What a handler gets for one delivery. */
export interface MessageContext<T> {
  /** The validated payload. */
  data: T;
  /** 1 on the first delivery; counts redeliveries after naks and lost deliveries. */
  deliveryCount: number;
  /** Handler attempts allowed in total; the last one is `deliveryCount === maxAttempts`. */
  maxAttempts: number;
  subject: string;
  streamSequence: number;
  headers: Readonly<Record<string, string>>;
  /**
   * Tells the server the work is still going (`msg.working()`), restarting AckWait. The worker already does
   * this every AckWait/3 while the handler runs; call it yourself around a step that blocks the event loop.
   */
  heartbeat(): void;
  /** Aborted when the handler times out or the worker's stop() gives up waiting: stop work, don't ack. */
  signal: AbortSignal;
}

/**
 * Does the work and resolves once its effects are durable (the message is acked after that). To fail,
 * throw: a DomainError with `retryable: false` (or a non-retryable code) is dead-lettered at once, any
 * other error is retried with backoff until the attempts run out. Must be idempotent: a delivery whose ack
 * was lost comes back.
 */
export type MessageHandler<T> = (context: MessageContext<T>) => Promise<void> | void;

/** Turns the parsed JSON into the handler's type or throws (e.g. `(x) => validateContract(AgentJob, x)`). */
export type PayloadValidator<T> = (input: unknown) => T;

interface OutcomeBase {
  subject: string;
  streamSequence: number;
  deliveryCount: number;
}

/** What happened to one delivery; reported to hooks and used by tests and metrics. */
export type ProcessOutcome = OutcomeBase &
  (
    | { kind: 'acked' }
    /** The handler succeeded but the server did not confirm the ack in time; a redelivery may follow. */
    | { kind: 'ack-unconfirmed'; reason: string }
    | { kind: 'retry'; delayMs: number; reason: string }
    | { kind: 'dead-lettered'; deadLetterKind: DeadLetterKind; deadLetterSubject: string; reason: string }
    /** Given up without a dead-letter copy because the message's own stream keeps it (dead-letter stream). */
    | { kind: 'terminated'; deadLetterKind: DeadLetterKind; reason: string }
    /** The dead letter could not be stored; the message was not terminated. */
    | { kind: 'dead-letter-failed'; reason: string }
    /** Arrived while stopping: handed back to the server unprocessed. */
    | { kind: 'released' }
  );

/** Observers (metrics, tests). Called synchronously; exceptions they throw are logged and ignored. */
export interface ConsumerHooks {
  onOutcome?(outcome: ProcessOutcome): void;
  onHeartbeat?(event: {
    subject: string;
    streamSequence: number;
    deliveryCount: number;
    automatic: boolean;
  }): void;
}

/** Options of every consumer loop (JobWorker, ResultConsumer, DeadLetterConsumer). */
export interface ConsumerStartOptions<T> {
  stream: string;
  consumer: string;
  handler: MessageHandler<T>;
  validate: PayloadValidator<T>;
  /** Messages handled at once by this process. Default 1. */
  concurrency?: number;
  retryBackoff?: RetryBackoffPolicy;
  /** After this long the handler's signal is aborted and heartbeats stop. Default 15 min. */
  handlerTimeoutMs?: number;
  /** How long to wait for the server to confirm an ack. Default 5000 ms. */
  ackTimeoutMs?: number;
  hooks?: ConsumerHooks;
}

export interface ConsumerLoopOptions {
  /** NATS_SUBJECT_PREFIX the streams were created with. */
  prefix: string;
  logger?: Logger;
}

/** What stop() achieved. */
export interface StopReport {
  /** True when every in-flight handler finished within the timeout. */
  drained: boolean;
  /** Handlers still running when the timeout hit; their messages will be redelivered after AckWait. */
  abandoned: number;
}
