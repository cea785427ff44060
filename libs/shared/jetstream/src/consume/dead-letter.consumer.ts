import { ConsumerLoop } from './consumer.loop';

/**
 * Reads the dead-letter stream (e.g. to fail the task a dead-lettered job belonged to). Its stream keeps
 * every dead letter until max age, so a dead letter this consumer cannot handle is only terminated, never
 * copied anywhere: it stays in the stream for people to inspect.
 */
export class DeadLetterConsumer<T> extends ConsumerLoop<T> {
  protected deadLetterSubject(): null {
    return null;
  }
}
