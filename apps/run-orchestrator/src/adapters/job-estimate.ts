import { CHARS_PER_TOKEN } from '@shipyard/shared/llm';

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
