import type { JetStreamClient } from '@nats-io/jetstream';
import { AgentJob, AgentRoles, resultSubject, validateContract, type AgentResult } from '@shipyard/contracts';
import { JobPublisher, JobWorker, type JobTopology } from '@shipyard/shared/jetstream';
import { ScriptedAgent, type Script } from '../graph/testing/scripted-agent';

/**
 * A tiny stand-in for the agent services: one JobWorker per role that answers every job with the graph's
 * ScriptedAgent (plus one comment per task job) and publishes the result to the results stream. `onJob`
 * sees each delivery first and may throw to make it fail (poison jobs).
 */
export class ScriptedWorkers {
  readonly seen: AgentJob[] = [];
  private readonly workers: JobWorker<AgentJob>[] = [];
  private readonly agent: ScriptedAgent;

  constructor(
    private readonly js: JetStreamClient,
    private readonly topology: JobTopology,
    script?: Script,
    private readonly onJob?: (job: AgentJob) => void,
  ) {
    this.agent = new ScriptedAgent(script);
  }

  async start(): Promise<void> {
    const publisher = new JobPublisher(this.js, { prefix: this.topology.prefix });
    for (const role of AgentRoles) {
      const worker = new JobWorker<AgentJob>(this.js, { prefix: this.topology.prefix });
      await worker.start({
        stream: this.topology.streams.jobs,
        consumer: this.topology.consumers.jobs[role] as string,
        validate: (input) => validateContract(AgentJob, input),
        concurrency: 8,
        retryBackoff: { baseMs: 10, maxMs: 50, jitter: 0 },
        handler: async ({ data }) => {
          this.onJob?.(data);
          this.seen.push(data);
          const result: AgentResult = this.agent.answer(data);
          if (data.taskId !== undefined)
            result.comments = [{ commentType: 'PROGRESS', body: `${data.kind} done for ${data.jobId}` }];
          await publisher.publish(resultSubject(data.role), result, data.jobId);
        },
      });
      this.workers.push(worker);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop({ timeoutMs: 5000 })));
  }
}
