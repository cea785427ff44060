import { performance } from 'node:perf_hooks';
import type { JetStreamClient } from '@nats-io/jetstream';
import { AgentJob, resultSubject, validateContract, type PlannedTask } from '@shipyard/contracts';
import { JobPublisher, type JobTopology, type JobWorker } from '@shipyard/shared/jetstream';
import { ScriptedAgent } from '../graph/testing/scripted-agent';
import { startRoleWorkers } from '../testing/start-role-workers';

/**
 * Zero-latency scripted agents for the benchmark, timing the orchestrator from outside: for each run,
 * the moment its last result was acknowledged by JetStream and the moment its next job is delivered to a
 * worker (before the worker validates it).
 * With a chain plan a run has one job in flight at a time, so that gap is exactly the orchestration
 * overhead of one agent step (result consumed, step applied and checkpointed, next job published).
 */
export class BenchWorkers {
  /** Result PubAck -> next job of the same run delivered to a worker, ms. */
  readonly gaps: number[] = [];
  results = 0;
  private readonly lastResultAt = new Map<string, number>();
  private readonly agents = new Map<string, ScriptedAgent>();
  private workers: JobWorker<AgentJob>[] = [];

  constructor(
    private readonly js: JetStreamClient,
    private readonly topology: JobTopology,
    private readonly plan: PlannedTask[],
    /** Simulated model time per job (0: answer at once). */
    private readonly latencyMs = 0,
  ) {}

  async start(concurrency: number): Promise<void> {
    const publisher = new JobPublisher(this.js, { prefix: this.topology.prefix });
    this.workers = await startRoleWorkers(this.js, this.topology, {
      // The job is available to the worker when it is delivered, before the worker's own checks of it:
      // validation is the agent's cost, not the orchestrator's.
      validate: (input) => {
        const runId = (input as { runId?: unknown } | null)?.runId;
        const previous = typeof runId === 'string' ? this.lastResultAt.get(runId) : undefined;
        if (typeof runId === 'string' && previous !== undefined) {
          this.gaps.push(performance.now() - previous);
          this.lastResultAt.delete(runId);
        }
        return validateContract(AgentJob, input);
      },
      concurrency,
      handler: async ({ data }) => {
        let agent = this.agents.get(data.runId);
        if (!agent) {
          agent = new ScriptedAgent(undefined, this.plan, { prompt: 10, completion: 5 });
          this.agents.set(data.runId, agent);
        }
        if (this.latencyMs > 0) await new Promise((done) => setTimeout(done, this.latencyMs));
        await publisher.publish(resultSubject(data.role), agent.answer(data), data.jobId);
        this.lastResultAt.set(data.runId, performance.now());
        this.results += 1;
      },
    });
  }

  /** Forget the timing of runs that ended (their last result has no next job). */
  resetGaps(): void {
    this.gaps.length = 0;
    this.lastResultAt.clear();
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop({ timeoutMs: 5000 })));
  }
}
