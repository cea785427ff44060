import { IsOptional, IsString, Matches } from 'class-validator';
import { BaseServiceConfig, IntSetting } from '@shipyard/shared/config';
import type { LlmConfig } from '@shipyard/shared/llm';

/**
 * What every agent service reads from its environment beyond the base service settings. The seven apps'
 * `config.schema.ts` extend this class, so the job and model settings are declared once. The LLM settings
 * (`LlmConfig`) are parsed from the same environment by `parseAgentConfig` and attached as `llm`: a class
 * cannot extend two decorated classes, and copying LlmConfig's fields here would let the two drift apart.
 */
export class AgentServiceConfig extends BaseServiceConfig {
  /** Jobs this process works on at once; each holds one model call, so this bounds model concurrency too. */
  @IntSetting(1, 64)
  AGENT_CONCURRENCY = 2;

  /**
   * The job consumer's AckWait: how long a job may go without a heartbeat before JetStream hands it to
   * another worker. The runtime heartbeats every third of it while the model runs, so it only needs to
   * cover a stalled event loop or a dead process, not a slow model.
   */
  @IntSetting(500, 600_000)
  JOB_ACK_WAIT_MS = 30_000;

  /**
   * Handler attempts per job before it is dead-lettered. The consumer's max_deliver is one more: the
   * reserved delivery that dead-letters a job whose last attempt died with its worker.
   */
  @IntSetting(1, 100)
  JOB_MAX_DELIVER = 5;

  /**
   * How long a finished job's result is kept for redeliveries to re-publish. Longer than any redelivery
   * can arrive (attempts x backoff) by a wide margin; 24 h by default.
   */
  @IntSetting(60_000, 30 * 86_400_000)
  AGENT_RESULT_TTL_MS = 86_400_000;

  /** On SIGTERM, how long running jobs may take to finish before they are abandoned (not acked). */
  @IntSetting(0, 600_000)
  AGENT_STOP_TIMEOUT_MS = 20_000;

  /** Delay before the first retry of a job whose model call failed transiently; doubles per attempt. */
  @IntSetting(0, 600_000)
  JOB_RETRY_BASE_MS = 1000;

  /** Cap of the retry delay. */
  @IntSetting(0, 3_600_000)
  JOB_RETRY_MAX_MS = 60_000;

  /** Upper bound on completion tokens per model call. */
  @IntSetting(256, 200_000)
  AGENT_MAX_COMPLETION_TOKENS = 8000;

  /**
   * Largest result (JSON bytes) the agent sends; the runtime also keeps under the server's max_payload.
   * A bigger one cannot be stored or published, so retrying would only burn tokens: it becomes a failed
   * result saying so.
   */
  @IntSetting(10_000, 64 * 1024 * 1024)
  AGENT_MAX_RESULT_BYTES = 900_000;

  /** Names this instance in results (`agentId`); defaults to `agent-<role>@<host>:<pid>`. */
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'AGENT_INSTANCE_ID must be 1-200 printable characters' })
  AGENT_INSTANCE_ID?: string;

  /** The LLM settings, parsed from the same environment by parseAgentConfig. */
  llm!: LlmConfig;
}
