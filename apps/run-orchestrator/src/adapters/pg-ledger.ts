import type { AgentResult, AgentRole } from '@shipyard/contracts';
import type { PriceTable } from '@shipyard/shared/llm';
import { appendStepEvent } from '../db/step-events';
import type { JobSizing, JobToEstimate, Ledger, UsageAmount, UsageTotals } from '../ports/ledger.port';
import { sizeJob, type SizingSettings } from './job-estimate';
import { lockLiveRun } from '../db/live-run.guard';
import { named, type PgDatabase, type TxClient } from '../db/pg-database';

/**
 * The usage ledger in `run_usage`, one row per usage line of a job: (job_id, line) is the primary key, so
 * a redelivered result inserts nothing and the run's counters (`project_runs.*_tokens`, `cost_usd`) move
 * only by what was actually inserted, in the same transaction.
 *
 * The estimate is what the budget gate expects of a job not yet sent, and the most it may spend
 * (`sizeJob`); an agent's real usage is recorded when its result arrives.
 */
export class PgLedger implements Ledger {
  constructor(
    private readonly db: PgDatabase,
    private readonly prices: PriceTable,
    private readonly sizing: SizingSettings,
  ) {}

  /**
   * Sends the result's usage ahead of the graph, in the same write as the step's fencing read (see
   * RunExecutor), so that `record` finds its answer already there instead of waiting a round trip for it.
   * Recorded only if the job is still pending for the run and tenant, so a result the fencing read turns
   * away (duplicate, unknown job) records nothing; a step that fails rolls it back with everything else.
   */
  prefetch(result: AgentResult): void {
    if (result.usage.length === 0) return;
    const prefetched = this.prefetched();
    if (!prefetched) return;
    const sent = this.sendUsage(this.db, result);
    // Read by `record`; if the graph never asks (the result is turned away), the COMMIT reports a failure.
    sent.catch(() => undefined);
    prefetched.set(result.jobId, sent);
  }

  async record(result: AgentResult): Promise<void> {
    if (result.usage.length === 0) return;
    await this.db.transaction(async (tx) => {
      if (!(await lockLiveRun(tx, result.runId, this.db))) return;
      const memo = this.memo();
      memo?.delete(result.runId);
      const prefetched = this.prefetched();
      const sent = prefetched?.get(result.jobId);
      prefetched?.delete(result.jobId);
      const [row] = await (sent ?? this.sendUsage(tx, result));
      if (row) memo?.set(result.runId, totalsOf(row.by_role));
      if (row?.run) {
        await appendStepEvent(this.db, tx, {
          tenantId: result.tenantId,
          runId: result.runId,
          eventKey: `${result.jobId}:usage`,
          data: {
            type: 'run.usage',
            totalTokens: Number(row.run.total_tokens),
            costUsd: Number(row.run.cost_usd),
          },
        });
      }
    });
  }

  /** The one statement that records a result's usage (see `record`); its answer, without waiting for it. */
  private async sendUsage(via: TxClient, result: AgentResult): Promise<UsageRow[]> {
    const lines = result.usage.map((usage, line) => ({
      line,
      provider: usage.provider,
      model: usage.model,
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      cost_usd: this.prices.costOf(usage).toFixed(6),
    }));
    // One statement: the lines not recorded yet go in (only while the job is pending), the run's counters
    // move by exactly those, and the usage by role comes back with them (the step asks for it next; rows a
    // statement inserts are not in its own snapshot, hence the union).
    const { answer } = await this.db.send<UsageRow>(
      via,
      named(
        'usage-record',
        `WITH inserted AS (
           INSERT INTO run_usage (job_id, line, tenant_id, run_id, task_id, role, agent_id, provider, model,
                                  prompt_tokens, completion_tokens, cost_usd)
           SELECT $1, u.line, $2, $3, $4, $5, $6, u.provider, u.model, u.prompt_tokens, u.completion_tokens, u.cost_usd
             FROM jsonb_to_recordset($7::jsonb) AS u(line integer, provider text, model text, prompt_tokens integer,
                                                      completion_tokens integer, cost_usd numeric)
            WHERE EXISTS (SELECT 1 FROM run_jobs j WHERE j.job_id = $1 AND j.run_id = $3 AND j.tenant_id = $2
                            AND j.status IN ('pending', 'published'))
           ON CONFLICT (job_id, line) DO NOTHING
           RETURNING role, prompt_tokens, completion_tokens, cost_usd
         ), added AS (
           SELECT coalesce(sum(prompt_tokens), 0) AS prompt, coalesce(sum(completion_tokens), 0) AS completion,
                  coalesce(sum(cost_usd), 0) AS cost
             FROM inserted
         ), updated AS (
           UPDATE project_runs
              SET prompt_tokens = prompt_tokens + added.prompt,
                  completion_tokens = completion_tokens + added.completion,
                  total_tokens = total_tokens + added.prompt + added.completion, cost_usd = cost_usd + added.cost
             FROM added
            WHERE id = $3 AND (added.prompt + added.completion > 0 OR added.cost > 0)
            RETURNING total_tokens, cost_usd
         ), by_role AS (
           SELECT role, sum(tokens) AS tokens, sum(cost) AS cost
             FROM (SELECT role, prompt_tokens + completion_tokens AS tokens, cost_usd AS cost
                     FROM run_usage WHERE run_id = $3
                   UNION ALL
                   SELECT role, prompt_tokens + completion_tokens, cost_usd FROM inserted) AS lines
            GROUP BY role
         )
         SELECT (SELECT row_to_json(u) FROM updated u) AS run,
                coalesce((SELECT json_agg(b) FROM by_role b), '[]') AS by_role`,
      ),
      [
        result.jobId,
        result.tenantId,
        result.runId,
        result.taskId ?? null,
        result.role,
        result.agentId,
        JSON.stringify(lines),
      ],
    );
    return answer;
  }

  /**
   * Usage so far by role. Inside a step's unit the answer is kept until the unit records more usage: the
   * graph asks twice per step, and only this ledger (under the run's lock) writes the run's usage.
   */
  async totals(runId: string): Promise<UsageTotals> {
    const memo = this.memo();
    const known = memo?.get(runId);
    if (known) return copyTotals(known);
    const totals = await this.read(runId);
    memo?.set(runId, copyTotals(totals));
    return totals;
  }

  private prefetched(): Map<string, Promise<UsageRow[]>> | undefined {
    return this.db.currentUnit()?.local(PREFETCHED, () => new Map<string, Promise<UsageRow[]>>());
  }

  private memo(): Map<string, UsageTotals> | undefined {
    return this.db.currentUnit()?.local(this, () => new Map<string, UsageTotals>());
  }

  private async read(runId: string): Promise<UsageTotals> {
    const rows = await this.db.query<ByRole>(
      named(
        'usage-totals',
        `SELECT role, sum(prompt_tokens + completion_tokens) AS tokens, sum(cost_usd) AS cost
       FROM run_usage WHERE run_id = $1 GROUP BY role`,
      ),
      [runId],
    );
    return totalsOf(rows);
  }

  estimate(job: JobToEstimate): Promise<JobSizing> {
    return Promise.resolve(sizeJob(this.sizing, this.prices, job));
  }
}

/** The owner of a unit's prefetched usage answers, by job id (see PgDatabase.currentUnit). */
const PREFETCHED = {};

/** What the usage statement answers. */
interface UsageRow {
  run: { total_tokens: string; cost_usd: string } | null;
  by_role: ByRole[];
}

/** One role's usage as the ledger's queries return it (sums come back as numeric text, or JSON numbers). */
interface ByRole {
  role: AgentRole;
  tokens: string | number;
  cost: string | number;
}

function totalsOf(rows: ByRole[]): UsageTotals {
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

/**
 * A copy the graph may keep in its state without sharing the memo's objects. By hand, not structuredClone:
 * the shape is two numbers and a map of pairs, and the serializer round trip cost ~40 µs per step.
 */
function copyTotals(totals: UsageTotals): UsageTotals {
  const byRole: UsageTotals['byRole'] = {};
  for (const [role, amount] of Object.entries(totals.byRole) as [AgentRole, UsageAmount][]) {
    byRole[role] = { tokens: amount.tokens, costUsd: amount.costUsd };
  }
  return { tokens: totals.tokens, costUsd: totals.costUsd, byRole };
}
