import { jobSubject, type AgentJob } from '@shipyard/contracts';
import type { JobPublisher } from '@shipyard/shared/jetstream';

/** Puts one outbox job on JetStream; Nats-Msg-Id = jobId, so a repeat within the dedup window is stored once. */
export interface JobSender {
  send(job: AgentJob): Promise<void>;
}

export class JetStreamJobSender implements JobSender {
  constructor(private readonly publisher: JobPublisher) {}

  async send(job: AgentJob): Promise<void> {
    await this.publisher.publish(jobSubject(job.role), job, job.jobId, {
      ...(job.requestId === undefined ? {} : { requestId: job.requestId }),
    });
  }
}
