import type { AgentResult, AgentRole, JobKind, RoleModelConfig } from '@shipyard/contracts';

export interface UsageAmount {
  tokens: number;
  costUsd: number;
}

/** A run's spend so far, as the ledger reports it. */
export interface UsageTotals extends UsageAmount {
  byRole: Partial<Record<AgentRole, UsageAmount>>;
}

/** A job about to be sent, as the budget gate sizes it. */
export interface JobToEstimate {
  role: AgentRole;
  kind: JobKind;
  model: RoleModelConfig;
  /** Length of the job's input as JSON: the prompt the agent builds grows with it. */
  inputChars: number;
}

/**
 * What the budget gate reserves for one job: what it is expected to take (a job is sent only if that
 * fits), and the most it may take when the budget has room (its allowance is capped there, so that jobs
 * in flight together leave room for each other).
 */
export interface JobSizing {
  expected: UsageAmount;
  ceiling: UsageAmount;
}

/** The run's usage ledger (in production: a PostgreSQL table priced from the config's price table). */
export interface Ledger {
  /** Records the usage a result reports; idempotent by `result.jobId` so a redelivery is not counted twice. */
  record(result: AgentResult): Promise<void>;
  totals(runId: string): Promise<UsageTotals>;
  /** What one job of this kind is expected to cost, and the most it may, to check the budget before it is sent. */
  estimate(job: JobToEstimate): Promise<JobSizing>;
}
