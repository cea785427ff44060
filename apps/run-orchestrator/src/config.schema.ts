import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { DatabaseServiceConfig, IntSetting } from '@shipyard/shared/config';

/**
 * The run orchestrator's environment: the database it checkpoints runs (and keeps agents' files) in, the
 * JetStream topology it shares with the agents, its leases, sweeps and checkpoint retention. Prices come
 * from the LLM layer's own config class (`LlmConfig`, parsed beside this one in main.ts), so agents and the
 * ledger price usage from one table.
 */
export class RunOrchestratorConfig extends DatabaseServiceConfig {
  /** This replica's name in `project_runs.lease_owner`; defaults to host and pid. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^[A-Za-z0-9._:-]+$/)
  ORCHESTRATOR_ID?: string;

  /** A lease not renewed for this long is free for another orchestrator (the takeover delay after a crash). */
  @IntSetting(1000, 600_000)
  ORCHESTRATOR_LEASE_MS = 15_000;

  /** Lease renewal, claiming of new runs and the control poll run at this interval (<= a third of the lease). */
  @IntSetting(50, 200_000)
  ORCHESTRATOR_TICK_MS = 1000;

  /**
   * Checkpoint rows of a run are pruned this many hours after it ended (it can never be resumed; its report,
   * tasks, comments, usage and events stay). 0 prunes at the first round after it ends.
   */
  @IntSetting(0, 100_000)
  CHECKPOINT_RETENTION_HOURS = 24;

  /** How often a replica looks for runs to prune, and how many it prunes per look. */
  @IntSetting(1000, 86_400_000)
  CHECKPOINT_PRUNE_INTERVAL_MS = 60_000;

  @IntSetting(1, 10_000)
  CHECKPOINT_PRUNE_BATCH = 100;

  /** Runs one replica drives at once. */
  @IntSetting(1, 100_000)
  ORCHESTRATOR_MAX_RUNS = 1000;

  /** Results applied at once (different runs in parallel, one run's in order). */
  @IntSetting(1, 1000)
  ORCHESTRATOR_RESULT_CONCURRENCY = 32;

  /** A job published this long ago and still without result is published again (JetStream may have lost it). */
  @IntSetting(1000, 86_400_000)
  ORCHESTRATOR_REPUBLISH_AFTER_MS = 120_000;

  /** JetStream AckWait and attempts; must match what the agents were deployed with. */
  @IntSetting(1000, 3_600_000)
  JOB_ACK_WAIT_MS = 30_000;

  @IntSetting(1, 100)
  JOB_MAX_ATTEMPTS = 5;

  /** Tokens the budget gate reserves for a job not yet sent (see PgLedger). */
  @IntSetting(0, 10_000_000)
  ORCHESTRATOR_ESTIMATE_PROMPT_TOKENS = 2000;

  @IntSetting(0, 10_000_000)
  ORCHESTRATOR_ESTIMATE_COMPLETION_TOKENS = 1000;

  /**
   * The most a job may spend, as a multiple of its estimate: its allowance, which the agent enforces and
   * the budget reserves while the job is in flight. Larger: fewer jobs stopped at their allowance and sent
   * again; smaller: more jobs in flight at once near the end of a tight budget.
   */
  @IntSetting(1, 100)
  ORCHESTRATOR_ALLOWANCE_FACTOR = 2;

  /** Bounds of the files resolved into a job's input. */
  @IntSetting(1, 10_000)
  JOB_INPUT_MAX_FILES = 200;

  @IntSetting(100, 10_000_000)
  JOB_INPUT_MAX_FILE_CHARS = 64_000;

  @IntSetting(100, 50_000_000)
  JOB_INPUT_MAX_TOTAL_CHARS = 512_000;
}
