import { deadLetterSubjectFor } from '../naming/jetstream.naming';
import { ConsumerLoop } from './consumer.loop';

/**
 * Orchestrator side: the same loop as JobWorker on the results consumer (`agent.v1.result.*`). A result the
 * orchestrator cannot apply after its attempts goes to `agent.v1.dlq.result.<role>`.
 */
export class ResultConsumer<T> extends ConsumerLoop<T> {
  protected deadLetterSubject(): (subject: string) => string {
    return (subject) => deadLetterSubjectFor(this.prefix, subject);
  }
}
