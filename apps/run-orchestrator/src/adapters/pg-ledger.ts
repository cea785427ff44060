import type { AgentResult, AgentRole, JobKind, RoleModelConfig } from '@shipyard/contracts';
import type { PriceTable } from '@shipyard/shared/llm';
import { appendRunEvent } from '@shipyard/shared/run-events';
import type { Ledger, UsageAmount, UsageTotals } from '../ports/ledger.port';
import { lockLiveRun } from '../db/live-run.guard';
import type { PgDatabase } from '../db/pg-database';

/** Tokens assumed for one job before it is sent, split as a typical call (prompt-heavy). */
export interface JobEstimate {
  promptTokens: number;
  completionTokens: number;
}

/**
 * The usage ledger in `run_usage`, one row per usage line of a job: (job_id, line) is the primary key, so
 * a redelivered result inserts nothing and the run's counters (`project_runs.*_tokens`, `cost_usd`) move
 * only by what was actually inserted, in the same transaction.
 *
 * The estimate is what the budget gate reserves for a job not yet sent: a fixed token count per job from
 * the config (ORCHESTRATOR_ESTIMATE_*), priced at the role's model. It is deliberately a flat figure: the
 * gate only needs "would this job start past the budget", and an agent's real usage is recorded when its
 * result arrives.
 */
export class PgLedger implements Ledger {
  constructor(
    private readonly db: PgDatabase,
    private readonly prices: PriceTable,
    private readonly perJob: JobEstimate,
  ) {}

  async record(result: AgentResult): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await lockLiveRun(tx, result.runId, this.db))) return;
      let prompt = 0;
      let completion = 0;
      let cost = 0;
      for (const [line, usage] of result.usage.entries()) {
        const lineCost = this.prices.costOf(usage);
        const inserted = await tx.query(
          `INSERT INTO run_usage (job_id, line, tenant_id, run_id, task_id, role, agent_id, provider, model,
                                  prompt_tokens, completion_tokens, cost_usd)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (job_id, line) DO NOTHING RETURNING line`,
          [
            result.jobId,
            line,
            result.tenantId,
            result.runId,
            result.taskId ?? null,
            result.role,
            result.agentId,
            usage.provider,
            usage.model,
            usage.promptTokens,
            usage.completionTokens,
            lineCost.toFixed(6),
          ],
        );
        if (inserted.length === 0) continue;
        prompt += usage.promptTokens;
        completion += usage.completionTokens;
        cost += Number(lineCost.toFixed(6));
      }
      if (prompt + completion === 0 && cost === 0) return;
      const [run] = await tx.query<{ total_tokens: string; cost_usd: string }>(
        `UPDATE project_runs
         SET prompt_tokens = prompt_tokens + $2, completion_tokens = completion_tokens + $3,
             total_tokens = total_tokens + $2 + $3, cost_usd = cost_usd + $4
         WHERE id = $1 RETURNING total_tokens, cost_usd`,
        [result.runId, prompt, completion, cost.toFixed(6)],
      );
      if (run) {
        await appendRunEvent(tx, {
          tenantId: result.tenantId,
          runId: result.runId,
          eventKey: `${result.jobId}:usage`,
          data: { type: 'run.usage', totalTokens: Number(run.total_tokens), costUsd: Number(run.cost_usd) },
        });
      }
    });
  }

  async totals(runId: string): Promise<UsageTotals> {
    const rows = await this.db.query<{ role: AgentRole; tokens: string; cost: string }>(
      `SELECT role, sum(prompt_tokens + completion_tokens) AS tokens, sum(cost_usd) AS cost
       FROM run_usage WHERE run_id = $1 GROUP BY role`,
      [runId],
    );
    const totals: UsageTotals = { tokens: 0, costUsd: 0, byRole: {} };
    for (const row of rows) {
      const amount = { tokens: Number(row.tokens), costUsd: Number(row.cost) };
      totals.byRole[row.role] = amount;
      totals.tokens += amount.tokens;
      totals.costUsd += amount.costUsd;
    }
    totals.costUsd = Number(totals.costUsd.toFixed(6));
    return totals;
  }

  estimate(job: { role: AgentRole; kind: JobKind; model: RoleModelConfig }): Promise<UsageAmount> {
    const usage = { provider: job.model.provider, model: job.model.model, ...this.perJob };
    return Promise.resolve({
      tokens: this.perJob.promptTokens + this.perJob.completionTokens,
      costUsd: this.prices.costOf(usage),
    });
  }
}
