import { ConfigError } from '@shipyard/shared/config';
import { AgentServiceConfig } from './agent-service.config';
import { parseAgentConfig } from './parse-agent-config';

class SomeAgentConfig extends AgentServiceConfig {}

describe('parseAgentConfig', () => {
  it('fills the job settings and attaches the LLM settings from the same environment', () => {
    const config = parseAgentConfig(SomeAgentConfig, {
      AGENT_CONCURRENCY: '4',
      JOB_ACK_WAIT_MS: '5000',
      OFFLINE_MODEL_LATENCY_MS: '25',
    });
    expect(config).toBeInstanceOf(SomeAgentConfig);
    expect(config).toMatchObject({
      AGENT_CONCURRENCY: 4,
      JOB_ACK_WAIT_MS: 5000,
      JOB_MAX_DELIVER: 5,
      AGENT_RESULT_TTL_MS: 86_400_000,
      NATS_URL: 'nats://127.0.0.1:4222',
    });
    expect(config.llm).toMatchObject({ OFFLINE_MODEL_LATENCY_MS: 25, OPENAI_MAX_RETRIES: 2 });
  });

  it('names the bad variables of both schemas in one error', () => {
    let thrown: unknown;
    try {
      parseAgentConfig(SomeAgentConfig, {
        AGENT_CONCURRENCY: '0',
        JOB_MAX_DELIVER: 'many',
        OFFLINE_MODEL_LATENCY_MS: '-1',
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const message = (thrown as ConfigError).message;
    expect(message).toContain('AGENT_CONCURRENCY');
    expect(message).toContain('JOB_MAX_DELIVER');
    expect(message).toContain('OFFLINE_MODEL_LATENCY_MS');
  });
});
