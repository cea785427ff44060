import { parseConfig } from '@shipyard/shared/config';
import { LlmConfig, llmEndpointConfigured } from './llm.config';

describe('LlmConfig', () => {
  it('defaults to the offline model with no latency, no cost and a non-zero unknown-model rate', () => {
    const config = parseConfig(LlmConfig, {});
    expect(config).toMatchObject({
      OPENAI_TIMEOUT_MS: 120_000,
      OPENAI_MAX_RETRIES: 2,
      OFFLINE_MODEL_LATENCY_MS: 0,
      OFFLINE_MODEL_TOKEN_MULTIPLIER: 1,
      OFFLINE_MODEL_PRICE_PER_MTOK: 0,
      UNKNOWN_MODEL_PROMPT_PRICE_PER_MTOK: 15,
      UNKNOWN_MODEL_COMPLETION_PRICE_PER_MTOK: 60,
    });
    expect(llmEndpointConfigured(config)).toBe(false);
  });

  it('reads every variable from strings', () => {
    const config = parseConfig(LlmConfig, {
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_TIMEOUT_MS: '5000',
      OPENAI_MAX_RETRIES: '0',
      OFFLINE_MODEL_LATENCY_MS: '200',
      OFFLINE_MODEL_TOKEN_MULTIPLIER: '2.5',
      OFFLINE_MODEL_PRICE_PER_MTOK: '1.25',
    });
    expect(config).toMatchObject({
      OPENAI_TIMEOUT_MS: 5000,
      OPENAI_MAX_RETRIES: 0,
      OFFLINE_MODEL_LATENCY_MS: 200,
      OFFLINE_MODEL_TOKEN_MULTIPLIER: 2.5,
      OFFLINE_MODEL_PRICE_PER_MTOK: 1.25,
    });
    expect(llmEndpointConfigured(config)).toBe(true);
  });

  it('counts either the base URL or the key as a configured endpoint', () => {
    expect(llmEndpointConfigured({ OPENAI_BASE_URL: 'http://localhost:8000/v1' })).toBe(true);
    expect(llmEndpointConfigured({ OPENAI_API_KEY: 'sk-x' })).toBe(true);
  });

  it('names every bad variable, without echoing the key', () => {
    let message = '';
    try {
      parseConfig(LlmConfig, {
        OPENAI_BASE_URL: 'ftp://example.com',
        OPENAI_TIMEOUT_MS: '10',
        OPENAI_MAX_RETRIES: '-1',
        OFFLINE_MODEL_LATENCY_MS: 'slow',
        OFFLINE_MODEL_TOKEN_MULTIPLIER: '-2',
        OFFLINE_MODEL_PRICE_PER_MTOK: 'free',
        OPENAI_API_KEY: 'x'.repeat(1001),
      });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of [
      'OPENAI_BASE_URL',
      'OPENAI_TIMEOUT_MS',
      'OPENAI_MAX_RETRIES',
      'OFFLINE_MODEL_LATENCY_MS',
      'OFFLINE_MODEL_TOKEN_MULTIPLIER',
      'OFFLINE_MODEL_PRICE_PER_MTOK',
      'OPENAI_API_KEY',
    ]) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain('x'.repeat(50));
  });

  it('can be extended by a service config schema', () => {
    class AgentConfig extends LlmConfig {
      AGENT_CONCURRENCY = 4;
    }
    const config = parseConfig(AgentConfig, { OFFLINE_MODEL_LATENCY_MS: '5' });
    expect(config).toMatchObject({ AGENT_CONCURRENCY: 4, OFFLINE_MODEL_LATENCY_MS: 5 });
  });
});
