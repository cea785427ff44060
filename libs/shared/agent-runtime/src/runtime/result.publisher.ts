import type { JetStreamClient } from '@nats-io/jetstream';
import { resultSubject, type AgentResult } from '@shipyard/contracts';
import { JobPublisher } from '@shipyard/shared/jetstream';

/**
 * Sends results to `agent.v1.result.<role>` with Nats-Msg-Id = jobId, so the same result published again
 * (a redelivered job re-publishing its stored result) is stored once within the duplicate window.
 */
export class ResultPublisher {
  private readonly publisher: JobPublisher;

  constructor(js: JetStreamClient, options: { prefix: string; timeoutMs?: number }) {
    this.publisher = new JobPublisher(js, options);
  }

  async publish(result: AgentResult): Promise<{ duplicate: boolean }> {
    const receipt = await this.publisher.publish(resultSubject(result.role), result, result.jobId);
    return { duplicate: receipt.duplicate };
  }
}
