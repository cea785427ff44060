import type { AgentJob } from '@shipyard/contracts';
import type { JobDispatcher } from '../job-dispatcher.port';

/** Keeps sent jobs in order; a repeated jobId is counted as a call and not queued again. */
export class InMemoryJobDispatcher implements JobDispatcher {
  readonly sent: AgentJob[] = [];
  /** Every call, duplicates included, so tests can see that re-runs asked again and were deduped. */
  calls = 0;
  private readonly ids = new Set<string>();
  private readonly listeners: ((job: AgentJob) => void)[] = [];

  dispatch(job: AgentJob): Promise<void> {
    this.calls += 1;
    if (this.ids.has(job.jobId)) return Promise.resolve();
    this.ids.add(job.jobId);
    this.sent.push(structuredClone(job));
    for (const listener of this.listeners) listener(job);
    return Promise.resolve();
  }

  onSent(listener: (job: AgentJob) => void): void {
    this.listeners.push(listener);
  }
}
