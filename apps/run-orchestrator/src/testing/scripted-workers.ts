import type { JetStreamClient } from '@nats-io/jetstream';
import { AgentJob, resultSubject, validateContract, type AgentResult } from '@shipyard/contracts';
import { JobPublisher, type JobTopology, type JobWorker } from '@shipyard/shared/jetstream';
import { ScriptedAgent, type Script } from '../graph/testing/scripted-agent';
import { startRoleWorkers } from './start-role-workers';

/**
 * A tiny stand-in for the agent services: one JobWorker per role that answers every job with the graph's
 * ScriptedAgent (plus one comment per task job) and publishes the result to the results stream. `onJob`
 * sees each delivery first and may throw to make it fail (poison jobs).
 */
export class ScriptedWorkers {
  readonly seen: AgentJob[] = [];
  /** Runs whose jobs are taken and acked but never answered (a run that must wait). */
  readonly silentRuns = new Set<string>();
  /** Publish every result twice, the second under another message id (JetStream's dedup lets both through). */
  duplicateResults = false;
  /** A script per run; runs without one get the happy path. */
  readonly scripts = new Map<string, Script>();
  private workers: JobWorker<AgentJob>[] = [];
  /** One agent per run: the scripted agent counts calls per kind and task, which must not mix across runs. */
  private readonly agents = new Map<string, ScriptedAgent>();

  constructor(
    private readonly js: JetStreamClient,
    private readonly topology: JobTopology,
    private readonly onJob?: (job: AgentJob) => void,
  ) {}

  /** The result the scripted agent gives for `job` (also used to hand-deliver results in specs). */
  answer(job: AgentJob): AgentResult {
    let agent = this.agents.get(job.runId);
    if (!agent) {
      agent = new ScriptedAgent(this.scripts.get(job.runId));
      this.agents.set(job.runId, agent);
    }
    const result = agent.answer(job);
    if (job.taskId !== undefined)
      result.comments = [{ commentType: 'PROGRESS', body: `${job.kind} done for ${job.jobId}` }];
    return result;
  }

  async start(): Promise<void> {
    const publisher = new JobPublisher(this.js, { prefix: this.topology.prefix });
    this.workers = await startRoleWorkers(this.js, this.topology, {
      validate: (input) => validateContract(AgentJob, input),
      concurrency: 8,
      retryBackoff: { baseMs: 10, maxMs: 50, jitter: 0 },
      handler: async ({ data }) => {
        this.onJob?.(data);
        this.seen.push(data);
        if (this.silentRuns.has(data.runId)) return;
        const result = this.answer(data);
        await publisher.publish(resultSubject(data.role), result, data.jobId);
        if (this.duplicateResults)
          await publisher.publish(resultSubject(data.role), result, `${data.jobId}:again`);
      },
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop({ timeoutMs: 5000 })));
  }
}
