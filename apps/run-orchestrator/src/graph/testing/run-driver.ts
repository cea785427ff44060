import { Command } from '@langchain/langgraph';
import type { AgentJob } from '@shipyard/contracts';
import type { InMemoryJobDispatcher } from '../../ports/testing/in-memory-job-dispatcher';
import type { RunGraph } from '../graph';
import { runInvokeConfig } from '../invoke-config';
import { invokeUntilWait } from '../invoke-until-wait';
import { flattenState, type RunChannels, type RunStart, type RunState } from '../state';
import type { ResumeValue, WaitPayload } from '../steps/wake';
import type { ScriptedAgent } from './scripted-agent';

/** Where a run stands after an invocation: waiting (with what it waits for) or finished. */
export type RunPosition = { kind: 'waiting'; wait: WaitPayload } | { kind: 'finished'; state: RunState };

/**
 * Plays the orchestrator service against a graph: starts the run, resumes it with each result, and can
 * swap in a new graph (as after a restart). `graphFor` is called before every invocation, so a test can
 * hand back a fresh graph and saver each time.
 */
export class RunDriver {
  /** Job ids whose results were delivered, in delivery order. */
  readonly delivered: string[] = [];
  invocations = 0;

  constructor(
    private readonly graphFor: () => RunGraph | Promise<RunGraph>,
    private readonly dispatcher: InMemoryJobDispatcher,
    readonly runId: string,
    /**
     * `service` (the default): as the orchestrator invokes, stopping before waiting nodes (invokeUntilWait).
     * `interrupts`: LangGraph's plain way, every wait an `interrupt()` inside its node.
     */
    private readonly mode: 'service' | 'interrupts' = 'service',
  ) {}

  async start(start: RunStart): Promise<RunPosition> {
    return this.invoke(start);
  }

  async resume(value: ResumeValue): Promise<RunPosition> {
    return this.invoke(new Command({ resume: value }));
  }

  /** Jobs sent for this run whose results have not been delivered yet, oldest first. */
  undelivered(): AgentJob[] {
    const done = new Set(this.delivered);
    return this.dispatcher.sent.filter((job) => job.runId === this.runId && !done.has(job.jobId));
  }

  /**
   * Delivers results until the run finishes or has nothing to deliver (paused, or waiting on the clock).
   * `pick` chooses which in-flight job finishes next (default: the oldest).
   */
  async drive(
    agent: ScriptedAgent,
    position: RunPosition,
    options: { maxDeliveries?: number; pick?: (jobs: AgentJob[]) => AgentJob } = {},
  ): Promise<RunPosition> {
    const max = options.maxDeliveries ?? 500;
    let current = position;
    for (let i = 0; i < max && current.kind === 'waiting'; i += 1) {
      const jobs = this.undelivered();
      if (jobs.length === 0) return current;
      const job = options.pick ? options.pick(jobs) : (jobs[0] as AgentJob);
      current = await this.deliver(agent, job);
    }
    return current;
  }

  async deliver(agent: ScriptedAgent, job: AgentJob): Promise<RunPosition> {
    this.delivered.push(job.jobId);
    return this.resume(agent.answer(job));
  }

  private async invoke(input: RunStart | Command): Promise<RunPosition> {
    this.invocations += 1;
    const graph = await this.graphFor();
    const config = runInvokeConfig(this.runId);
    const wait =
      this.mode === 'service'
        ? await invokeUntilWait(graph, input, config)
        : ((await graph.invoke(input as never, config)) as { __interrupt__?: { value: WaitPayload }[] })
            .__interrupt__?.[0]?.value;
    if (wait) return { kind: 'waiting', wait };
    return { kind: 'finished', state: flattenState((await graph.getState(config)).values as RunChannels) };
  }
}
