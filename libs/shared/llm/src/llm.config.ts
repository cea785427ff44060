import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsString, IsUrl, Length, Max, Min, Validate } from 'class-validator';
import { IntSetting } from '@shipyard/shared/config';
import { IsPriceTableJson } from './pricing/is-price-table-json.validator';

/**
 * LLM settings from the environment. Agent services compose it into their own `config.schema.ts`
 * (`class AgentConfig extends LlmConfig` or by mixing the fields) and parse it once with `parseConfig`.
 * With neither OPENAI_BASE_URL nor OPENAI_API_KEY set, every role runs on the offline model.
 */
export class LlmConfig {
  /** Any OpenAI-compatible endpoint, e.g. `http://127.0.0.1:11434/v1`; unset with a key set means OpenAI's. */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'OPENAI_BASE_URL must be an http(s) URL' },
  )
  OPENAI_BASE_URL?: string;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  OPENAI_API_KEY?: string;

  /** Per HTTP attempt; the client's retries each get this much again. */
  @IntSetting(100, 900_000)
  OPENAI_TIMEOUT_MS = 120_000;

  /** Retries of retryable failures (429, 5xx, timeouts, connection errors) inside one `complete` call. */
  @IntSetting(0, 10)
  OPENAI_MAX_RETRIES = 2;

  /** How much of the `openai` client's own logging (retries, failures) reaches our log; keys are scrubbed. */
  @IsIn(['off', 'error', 'warn', 'info', 'debug'])
  OPENAI_CLIENT_LOG_LEVEL: 'off' | 'error' | 'warn' | 'info' | 'debug' = 'warn';

  /** Simulated time per offline call, so budgets, deadlines and benchmarks see model-like latency. */
  @IntSetting(0, 600_000)
  OFFLINE_MODEL_LATENCY_MS = 0;

  /** Offline token counts are text length / 4 times this, to mimic bigger or smaller models' usage. */
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  OFFLINE_MODEL_TOKEN_MULTIPLIER = 1;

  /** USD per 1M offline tokens (prompt and completion alike); non-zero lets cost budgets be tested offline. */
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10_000)
  OFFLINE_MODEL_PRICE_PER_MTOK = 0;

  /** `{"<model>": {"prompt": usd per 1M, "completion": usd per 1M}}`, merged over the default table. */
  @IsOptional()
  @Validate(IsPriceTableJson)
  PRICE_TABLE_JSON?: string;

  /**
   * Models missing from the table cost this much rather than nothing, so a typo in a model name cannot
   * switch the cost budget off. The default is deliberately above every default model's price.
   */
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10_000)
  UNKNOWN_MODEL_PROMPT_PRICE_PER_MTOK = 15;

  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10_000)
  UNKNOWN_MODEL_COMPLETION_PRICE_PER_MTOK = 60;
}

/** True when a real endpoint is configured; false means every role falls back to the offline model. */
export function llmEndpointConfigured(
  config: Pick<LlmConfig, 'OPENAI_BASE_URL' | 'OPENAI_API_KEY'>,
): boolean {
  return Boolean(config.OPENAI_BASE_URL) || Boolean(config.OPENAI_API_KEY);
}
