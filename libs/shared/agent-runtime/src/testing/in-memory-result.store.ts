import type { AgentResult, AgentUsage } from '@shipyard/contracts';
import type { ResultStore } from '../results/result-store.port';

/**
 * A ResultStore in memory for unit specs. Its maps are public so a spec can inspect them, or seed a result
 * as if another worker had stored it first.
 */
export class InMemoryResultStore implements ResultStore {
  readonly results = new Map<string, AgentResult>();
  readonly spent = new Map<string, Map<number, AgentUsage[]>>();

  get(jobId: string): Promise<AgentResult | null> {
    return Promise.resolve(this.results.get(jobId) ?? null);
  }

  putIfAbsent(result: AgentResult): Promise<AgentResult> {
    const existing = this.results.get(result.jobId);
    if (existing) return Promise.resolve(existing);
    this.results.set(result.jobId, result);
    return Promise.resolve(result);
  }

  recordSpent(jobId: string, deliveryCount: number, usage: readonly AgentUsage[]): Promise<void> {
    const byDelivery = this.spent.get(jobId) ?? new Map<number, AgentUsage[]>();
    if (!byDelivery.has(deliveryCount)) byDelivery.set(deliveryCount, [...usage]);
    this.spent.set(jobId, byDelivery);
    return Promise.resolve();
  }

  spentBefore(jobId: string): Promise<AgentUsage[]> {
    const byDelivery = this.spent.get(jobId) ?? new Map<number, AgentUsage[]>();
    return Promise.resolve([...byDelivery.entries()].sort(([a], [b]) => a - b).flatMap(([, usage]) => usage));
  }
}
