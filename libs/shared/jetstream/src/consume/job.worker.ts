import { deadLetterSubjectFor } from '../naming/jetstream.naming';
import { ConsumerLoop } from './consumer.loop';

/**
 * Agent side: pulls jobs from a role's consumer (`agent.v1.job.<role>`), runs the handler with heartbeats,
 * acks on success, retries retryable failures with backoff, and dead-letters to `agent.v1.dlq.<role>`
 * (with the reason, subject, delivery count and payload) what is invalid, refused or out of attempts.
 *
 * @example
 * const worker = new JobWorker<AgentJob>(js, { prefix });
 * await worker.start({ stream: topology.streams.jobs, consumer: topology.consumers.jobs.developer,
 *   validate: (x) => validateContract(AgentJob, x), handler: async ({ data }) => run(data), concurrency: 4 });
 */
export class JobWorker<T> extends ConsumerLoop<T> {
  protected deadLetterSubject(): (subject: string) => string {
    return (subject) => deadLetterSubjectFor(this.prefix, subject);
  }
}
