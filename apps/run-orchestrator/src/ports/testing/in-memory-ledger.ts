import type { AgentResult, AgentRole } from '@shipyard/contracts';
import type { JobSizing, JobToEstimate, Ledger, UsageAmount, UsageTotals } from '../ledger.port';

/** USD per one million tokens; a flat price keeps test arithmetic readable. */
export interface FlatPrice {
  promptPerMTok: number;
  completionPerMTok: number;
}

/**
 * Records usage once per jobId and prices it from a flat table; estimates are a fixed amount per job, and
 * the most a job may take is `ceilingFactor` times that.
 */
export class InMemoryLedger implements Ledger {
  private readonly byJob = new Map<string, { runId: string; role: AgentRole; amount: UsageAmount }>();

  constructor(
    private readonly price: FlatPrice = { promptPerMTok: 1, completionPerMTok: 2 },
    private readonly perJobEstimate: UsageAmount = { tokens: 0, costUsd: 0 },
    private readonly ceilingFactor = 2,
  ) {}

  record(result: AgentResult): Promise<void> {
    if (this.byJob.has(result.jobId)) return Promise.resolve();
    let tokens = 0;
    let costUsd = 0;
    for (const usage of result.usage) {
      tokens += usage.promptTokens + usage.completionTokens;
      costUsd +=
        (usage.promptTokens * this.price.promptPerMTok +
          usage.completionTokens * this.price.completionPerMTok) /
        1_000_000;
    }
    this.byJob.set(result.jobId, { runId: result.runId, role: result.role, amount: { tokens, costUsd } });
    return Promise.resolve();
  }

  totals(runId: string): Promise<UsageTotals> {
    const totals: UsageTotals = { tokens: 0, costUsd: 0, byRole: {} };
    for (const entry of this.byJob.values()) {
      if (entry.runId !== runId) continue;
      totals.tokens += entry.amount.tokens;
      totals.costUsd += entry.amount.costUsd;
      const role = (totals.byRole[entry.role] ??= { tokens: 0, costUsd: 0 });
      role.tokens += entry.amount.tokens;
      role.costUsd += entry.amount.costUsd;
    }
    return Promise.resolve(totals);
  }

  estimate(_job: JobToEstimate): Promise<JobSizing> {
    const { tokens, costUsd } = this.perJobEstimate;
    return Promise.resolve({
      expected: { tokens, costUsd },
      ceiling: { tokens: tokens * this.ceilingFactor, costUsd: costUsd * this.ceilingFactor },
    });
  }

  recordedJobs(): number {
    return this.byJob.size;
  }
}
