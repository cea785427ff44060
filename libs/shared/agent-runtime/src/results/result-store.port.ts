import type { AgentResult, AgentUsage } from '@shipyard/contracts';

/**
 * Where an agent keeps the result of every job it finished, keyed by jobId, so a redelivered job
 * re-publishes the same result instead of calling the model (and writing comments and usage) again.
 */
export interface ResultStore {
  /** The stored result of `jobId`, or null when none is stored (or it expired). */
  get(jobId: string): Promise<AgentResult | null>;
  /**
   * Stores `result` unless one is already stored for its jobId, and returns whichever is stored: two
   * workers that raced on one job both publish the first one written.
   */
  putIfAbsent(result: AgentResult): Promise<AgentResult>;
  /**
   * Records the tokens one delivery spent before it failed retryably (a correction turn that hit a rate
   * limit, say), once per delivery: the job's final result carries them too, so the run's ledger and
   * budget count what the model really billed, not only the attempt that succeeded.
   */
  recordSpent(jobId: string, deliveryCount: number, usage: readonly AgentUsage[]): Promise<void>;
  /** Everything earlier deliveries of `jobId` recorded, in delivery order. */
  spentBefore(jobId: string): Promise<AgentUsage[]>;
}
