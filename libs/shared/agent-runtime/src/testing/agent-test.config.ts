import { AgentServiceConfig } from '../config/agent-service.config';
import { parseAgentConfig } from '../config/parse-agent-config';

/** An agent config for specs: the real NATS, a spec's own prefix, quiet logs, and the given overrides. */
export function agentTestConfig(prefix: string, overrides: Record<string, string> = {}): AgentServiceConfig {
  return parseAgentConfig(AgentServiceConfig, {
    NATS_URL: process.env.NATS_URL,
    NATS_SUBJECT_PREFIX: prefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AGENT_STOP_TIMEOUT_MS: '2000',
    ...overrides,
  });
}
