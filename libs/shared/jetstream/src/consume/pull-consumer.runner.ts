import { millis, type QueuedIterator } from '@nats-io/transport-node';
import type { Consumer, ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import { DomainError, type FieldError } from '@shipyard/contracts';
import { SlotSemaphore } from '../concurrency/slot.semaphore';
import { assertRetryBackoffPolicy, DEFAULT_RETRY_BACKOFF } from '../retry/retry.backoff';
import { MessageProcessor } from './message.processor';
import type { ConsumerStartOptions, StopReport } from './consumer.types';

export interface PullConsumerRunnerOptions<T> extends ConsumerStartOptions<T> {
  js: JetStreamClient;
  logger: Logger;
  deadLetterSubject: ((subject: string) => string) | null;
  /** Long-poll duration of one pull request. Default 30 s (the client's own default; >= 1 s). */
  pullExpiresMs?: number;
}

const DEFAULT_STOP_TIMEOUT_MS = 30_000;
const MAX_PULL_ERROR_DELAY_MS = 5000;

/**
 * The pull loop shared by JobWorker, ResultConsumer and DeadLetterConsumer.
 *
 * Why fetch() sized by free slots rather than consume(): consume() asks the server for more as soon as
 * messages arrive, not when they are done, so a busy worker would pile up messages whose AckWait runs out
 * while they wait (and another worker would then get them too). Here the loop keeps at most one pull
 * request open, for exactly as many messages as there are free slots, so everything this process holds is
 * being worked on and heartbeated. An idle worker always has a pull open, so a new message is pushed to it
 * at once: no round trip per message is added on the idle path (see the bench).
 */
export class PullConsumerRunner<T> {
  private slots!: SlotSemaphore;
  private processor!: MessageProcessor<T>;
  private running = false;
  private loop: Promise<void> | undefined;
  private currentPull: ConsumerMessages | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();
  private wakeFromPause: (() => void) | undefined;

  constructor(private readonly o: PullConsumerRunnerOptions<T>) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** Resolves once the consumer is found and the first pull is about to be sent. */
  async start(): Promise<void> {
    if (this.running || this.loop) throw new DomainError('CONFLICT', 'Consumer loop already started');
    const concurrency = this.o.concurrency ?? 1;
    const retryBackoff = this.o.retryBackoff ?? DEFAULT_RETRY_BACKOFF;
    const handlerTimeoutMs = this.o.handlerTimeoutMs ?? 15 * 60_000;
    const ackTimeoutMs = this.o.ackTimeoutMs ?? 5000;
    const errors: FieldError[] = [];
    if (!this.o.stream) errors.push({ path: 'stream', messages: ['is required'] });
    if (!this.o.consumer) errors.push({ path: 'consumer', messages: ['is required'] });
    if (typeof this.o.handler !== 'function')
      errors.push({ path: 'handler', messages: ['must be a function'] });
    if (typeof this.o.validate !== 'function')
      errors.push({ path: 'validate', messages: ['must be a function'] });
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000)
      errors.push({ path: 'concurrency', messages: ['must be an integer within 1..1000'] });
    if (!Number.isInteger(handlerTimeoutMs) || handlerTimeoutMs < 1)
      errors.push({ path: 'handlerTimeoutMs', messages: ['must be a positive integer'] });
    if (!Number.isInteger(ackTimeoutMs) || ackTimeoutMs < 1)
      errors.push({ path: 'ackTimeoutMs', messages: ['must be a positive integer'] });
    if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', 'Invalid consumer options', errors);
    assertRetryBackoffPolicy(retryBackoff);

    const consumer = await this.o.js.consumers.get(this.o.stream, this.o.consumer);
    const { config } = await consumer.info(true);
    const ackWaitMs = millis(config.ack_wait ?? 30_000_000_000);
    const maxDeliver = config.max_deliver ?? -1;
    if (!(maxDeliver >= 2)) {
      // Our consumers reserve one delivery for dead-lettering; an unlimited one would retry forever.
      throw new DomainError(
        'VALIDATION_FAILED',
        'Consumer must have max_deliver >= 2 (use ensureJobStreams)',
        [
          {
            path: 'consumer',
            messages: [`${this.o.stream}/${this.o.consumer} has max_deliver ${maxDeliver}`],
          },
        ],
      );
    }
    this.slots = new SlotSemaphore(concurrency);
    this.processor = new MessageProcessor<T>({
      js: this.o.js,
      handler: this.o.handler,
      validate: this.o.validate,
      maxAttempts: maxDeliver - 1,
      ackWaitMs,
      retryBackoff,
      deadLetterSubject: this.o.deadLetterSubject,
      handlerTimeoutMs,
      ackTimeoutMs,
      logger: this.o.logger,
      ...(this.o.hooks ? { hooks: this.o.hooks } : {}),
    });
    this.running = true;
    this.loop = this.pullLoop(consumer).catch((error: unknown) => {
      this.o.logger.error(
        { err: error, stream: this.o.stream, consumer: this.o.consumer },
        'jetstream pull loop crashed',
      );
      this.running = false;
    });
  }

  /**
   * Stops pulling, hands back anything that arrives afterwards, and waits up to `timeoutMs` for running
   * handlers. Handlers still running then are aborted (their heartbeats stop, so the server redelivers
   * their messages after AckWait). Does not close the connection: the caller drains it afterwards.
   */
  async stop(options: { timeoutMs?: number } = {}): Promise<StopReport> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
    if (!this.loop) return { drained: true, abandoned: 0 };
    this.running = false;
    this.slots.interrupt();
    this.wakeFromPause?.();
    await this.closePull();
    await this.loop;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      Promise.allSettled([...this.inFlight]).then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!timedOut) return { drained: true, abandoned: 0 };
    const abandoned = this.processor.abortAll('consumer stopped before the handler finished');
    this.o.logger.warn(
      { abandoned, stream: this.o.stream, consumer: this.o.consumer },
      'jetstream consumer stopped with handlers still running',
    );
    return { drained: false, abandoned };
  }

  private async pullLoop(consumer: Consumer): Promise<void> {
    let consecutiveErrors = 0;
    while (this.running) {
      await this.slots.whenAvailable();
      if (!this.running) break;
      const reserved = this.slots.tryAcquire(this.slots.available);
      let received = 0;
      try {
        const pull = await consumer.fetch({
          max_messages: reserved,
          expires: this.o.pullExpiresMs ?? 30_000,
        });
        this.currentPull = pull;
        // stop() may have run while fetch() was resolving, before there was a pull for it to close.
        if (!this.running) await this.closePull();
        for await (const msg of pull as QueuedIterator<JsMsg>) {
          received++;
          consecutiveErrors = 0;
          if (!this.running) {
            this.processor.release(msg);
            this.slots.release();
            continue;
          }
          let freed = false;
          const free = (): void => {
            if (freed) return;
            freed = true;
            this.slots.release();
          };
          this.track(this.processor.process(msg, free).finally(free));
        }
      } catch (error) {
        if (!this.running) break;
        consecutiveErrors++;
        const delayMs = Math.min(100 * 2 ** consecutiveErrors, MAX_PULL_ERROR_DELAY_MS);
        this.o.logger.warn(
          { err: error, stream: this.o.stream, consumer: this.o.consumer, delayMs },
          'jetstream pull failed; retrying',
        );
        await this.pause(delayMs);
      } finally {
        this.currentPull = undefined;
        // Slots reserved for messages the pull did not bring are free again.
        if (reserved > received) this.slots.release(reserved - received);
      }
    }
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async closePull(): Promise<void> {
    const pull = this.currentPull;
    if (!pull) return;
    try {
      await pull.close();
    } catch (error) {
      this.o.logger.debug({ err: error }, 'jetstream pull close failed');
    }
  }

  /** A delay that stop() can cut short. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeFromPause = done;
    });
  }
}
