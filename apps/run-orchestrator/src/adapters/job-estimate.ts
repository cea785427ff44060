import { CHARS_PER_TOKEN, OFFLINE_MODEL, type PriceTable } from '@shipyard/shared/llm';
import type { JobSizing, JobToEstimate } from '../ports/ledger.port';

/** Tokens assumed for one job before it is sent, split as a typical call (prompt-heavy). */
export interface JobEstimate {
  promptTokens: number;
  completionTokens: number;
}

/**
 * The tokens a job is expected to take: the configured figure (ORCHESTRATOR_ESTIMATE_*), plus its input's
 * tokens by the LLM layer's rule of thumb (CHARS_PER_TOKEN) on top of the prompt part. A flat figure alone
 * fell short of the jobs that carry the run's files (security, docs, devops): with the offline model those
 * took up to 6,700 tokens against 3,000 reserved, so a run could end one such job past its budget. Prompts
 * measured 0.27-0.36 tokens per input character plus at most ~420 tokens of instructions, which the
 * configured part covers.
 */
export function estimatedJobUsage(perJob: JobEstimate, inputChars: number): JobEstimate {
  return {
    promptTokens: perJob.promptTokens + Math.ceil(inputChars / CHARS_PER_TOKEN),
    completionTokens: perJob.completionTokens,
  };
}

/** The estimate settings and how many times the estimate a job may spend (ORCHESTRATOR_ALLOWANCE_FACTOR). */
export interface SizingSettings extends JobEstimate {
  allowanceFactor: number;
}

/**
 * What the budget gate expects of a job and the most it may spend: its tokens (`estimatedJobUsage`) priced
 * at the dearest model it may run on, and `allowanceFactor` times that.
 */
export function sizeJob(settings: SizingSettings, prices: PriceTable, job: JobToEstimate): JobSizing {
  const tokens = estimatedJobUsage(settings, job.inputChars);
  const costUsd = Math.max(
    ...modelsTheJobMayRunOn(job).map((model) =>
      prices.costOf({ provider: job.model.provider, model, ...tokens }),
    ),
  );
  const expected = { tokens: tokens.promptTokens + tokens.completionTokens, costUsd };
  const factor = settings.allowanceFactor;
  return { expected, ceiling: { tokens: expected.tokens * factor, costUsd: expected.costUsd * factor } };
}

/**
 * An agent runs a role configured for `openai` on the offline model when it has no endpoint, and a role
 * configured for `offline` always does, whatever model name the config gives; the budget must hold for
 * whichever it turns out to be.
 */
function modelsTheJobMayRunOn(job: JobToEstimate): string[] {
  return job.model.provider === 'offline' ? [OFFLINE_MODEL] : [job.model.model, OFFLINE_MODEL];
}
