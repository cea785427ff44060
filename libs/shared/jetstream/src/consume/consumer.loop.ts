import type { JetStreamClient } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import { DomainError } from '@shipyard/contracts';
import { createLogger } from '@shipyard/shared/observability';
import { assertSubjectPrefix } from '../naming/jetstream.naming';
import { PullConsumerRunner } from './pull-consumer.runner';
import type { ConsumerLoopOptions, ConsumerStartOptions, StopReport } from './consumer.types';

/**
 * Base of JobWorker, ResultConsumer and DeadLetterConsumer: one pull loop implementation, the subclasses
 * only say where their given-up messages go.
 */
export abstract class ConsumerLoop<T> {
  protected readonly prefix: string;
  protected readonly logger: Logger;
  private runner: PullConsumerRunner<T> | undefined;

  constructor(
    protected readonly js: JetStreamClient,
    options: ConsumerLoopOptions,
  ) {
    assertSubjectPrefix(options.prefix);
    this.prefix = options.prefix;
    this.logger = options.logger ?? createLogger({ service: 'jetstream', level: 'warn' });
  }

  /** Where a message given up on `subject` is copied, or null when its own stream keeps it. */
  protected abstract deadLetterSubject(): ((subject: string) => string) | null;

  /** Starts pulling; resolves once the consumer was found. One start per instance. */
  async start(options: ConsumerStartOptions<T>): Promise<void> {
    if (this.runner)
      throw new DomainError('CONFLICT', 'Already started; create another instance for another consumer');
    const runner = new PullConsumerRunner<T>({
      ...options,
      js: this.js,
      logger: this.logger.child({ stream: options.stream, consumer: options.consumer }),
      deadLetterSubject: this.deadLetterSubject(),
    });
    this.runner = runner;
    try {
      await runner.start();
    } catch (error) {
      this.runner = undefined;
      throw error;
    }
  }

  /** Stops pulling, waits for running handlers (default 30 s), then aborts the rest. Idempotent. */
  async stop(options: { timeoutMs?: number } = {}): Promise<StopReport> {
    return this.runner ? this.runner.stop(options) : { drained: true, abandoned: 0 };
  }

  get isRunning(): boolean {
    return this.runner?.isRunning ?? false;
  }
}
