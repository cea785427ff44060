import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DatabaseServiceConfig } from '@shipyard/shared/config';

const Int = (min: number, max: number) => (target: object, key: string) => {
  Type(() => Number)(target, key);
  IsInt()(target, key);
  Min(min)(target, key);
  Max(max)(target, key);
};

/**
 * The run orchestrator's environment: the database it checkpoints runs to, the JetStream topology it
 * shares with the agents, its leases and sweeps, and where job files are kept until artifact-service takes
 * them over. Prices come from the LLM layer's own config class (`LlmConfig`, parsed beside this one in
 * main.ts), so agents and the ledger price usage from one table.
 */
export class RunOrchestratorConfig extends DatabaseServiceConfig {
  /** This replica's name in `project_runs.lease_owner`; defaults to host and pid. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^[A-Za-z0-9._:-]+$/)
  ORCHESTRATOR_ID?: string;

  /** A lease not renewed for this long is free for another orchestrator (the takeover delay after a crash). */
  @Int(1000, 600_000)
  ORCHESTRATOR_LEASE_MS = 15_000;

  /** Lease renewal, claiming of new runs and the control poll run at this interval (<= a third of the lease). */
  @Int(50, 200_000)
  ORCHESTRATOR_TICK_MS = 1000;

  /** Runs one replica drives at once. */
  @Int(1, 100_000)
  ORCHESTRATOR_MAX_RUNS = 1000;

  /** Results applied at once (different runs in parallel, one run's in order). */
  @Int(1, 1000)
  ORCHESTRATOR_RESULT_CONCURRENCY = 32;

  /** A job published this long ago and still without result is published again (JetStream may have lost it). */
  @Int(1000, 86_400_000)
  ORCHESTRATOR_REPUBLISH_AFTER_MS = 120_000;

  /** JetStream AckWait and attempts; must match what the agents were deployed with. */
  @Int(1000, 3_600_000)
  JOB_ACK_WAIT_MS = 30_000;

  @Int(1, 100)
  JOB_MAX_ATTEMPTS = 5;

  /** Tokens the budget gate reserves for a job not yet sent (see PgLedger). */
  @Int(0, 10_000_000)
  ORCHESTRATOR_ESTIMATE_PROMPT_TOKENS = 2000;

  @Int(0, 10_000_000)
  ORCHESTRATOR_ESTIMATE_COMPLETION_TOKENS = 1000;

  /** Where job files are stored (one JSON bundle per job). */
  @IsString()
  @Length(1, 1000)
  ARTIFACT_DIR = './var/artifacts';

  /** Bounds of the files resolved into a job's input. */
  @Int(1, 10_000)
  JOB_INPUT_MAX_FILES = 200;

  @Int(100, 10_000_000)
  JOB_INPUT_MAX_FILE_CHARS = 64_000;

  @Int(100, 50_000_000)
  JOB_INPUT_MAX_TOTAL_CHARS = 512_000;
}
