import type { RunConfig } from './run-config.dto';

/** The seed design's defaults: planning and review on gpt-4o, hands-on roles on gpt-4o-mini. */
export function defaultRunConfig(): RunConfig {
  return {
    roles: {
      pm: { provider: 'openai', model: 'gpt-4o', temperature: 0.2 },
      lead: { provider: 'openai', model: 'gpt-4o', temperature: 0.2 },
      developer: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.2 },
      qa: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.1 },
      docs: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.3 },
      devops: { provider: 'openai', model: 'gpt-4o', temperature: 0.1 },
      security: { provider: 'openai', model: 'gpt-4o', temperature: 0 },
    },
    budget: { maxTokens: 2_000_000, maxCostUsd: 25, onExceed: 'stop' },
    review: { maxIterations: 3 },
    security: { gate: 'block_critical', maxFixCycles: 2 },
    deadlineMinutes: 120,
  };
}
