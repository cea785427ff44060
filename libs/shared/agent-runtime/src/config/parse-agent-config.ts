import { ConfigError, parseConfig } from '@shipyard/shared/config';
import { LlmConfig } from '@shipyard/shared/llm';
import type { AgentServiceConfig } from './agent-service.config';

/**
 * Parses an agent service's config and its LLM settings from one environment, reporting every bad
 * variable of both at once (a deploy fixed one error at a time is a slow deploy).
 */
export function parseAgentConfig<T extends AgentServiceConfig>(
  schema: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  const problems: string[] = [];
  const attempt = <C extends object>(parse: () => C): C | undefined => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.message.split('\n').slice(1));
      return undefined;
    }
  };
  const service = attempt(() => parseConfig(schema, env));
  const llm = attempt(() => parseConfig(LlmConfig, env));
  if (!service || !llm) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  service.llm = llm;
  return service;
}
