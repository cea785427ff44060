import { parseConfig } from '@shipyard/shared/config';
import type { RoleModelConfig } from '@shipyard/contracts';
import { createChatModel } from './create-chat-model.factory';
import { LlmConfig } from './llm.config';
import type { LlmLogger } from './llm-logger';
import { OfflineChatModel } from './offline/offline-chat.model';
import { OpenAIChatModel } from './openai/openai-chat.model';

/** Records log calls; the factory only needs the four level methods. */
function recordingLogger(): LlmLogger & { lines: { level: string; args: unknown[] }[] } {
  const lines: { level: string; args: unknown[] }[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      void lines.push({ level, args });
  const logger = {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
  } as unknown as LlmLogger;
  return Object.assign(logger, { lines });
}

const gpt4o: RoleModelConfig = { provider: 'openai', model: 'gpt-4o', temperature: 0.2 };
const offlineRole: RoleModelConfig = { provider: 'offline', model: 'anything', temperature: 0 };

describe('createChatModel', () => {
  it('uses the offline model when no endpoint is configured, and says so once', () => {
    const logger = recordingLogger();
    const config = parseConfig(LlmConfig, {});
    const a = createChatModel(gpt4o, config, { logger });
    const b = createChatModel({ ...gpt4o, model: 'gpt-4o-mini' }, config, { logger });
    expect(a).toBeInstanceOf(OfflineChatModel);
    expect(b).toBeInstanceOf(OfflineChatModel);
    expect(a).toMatchObject({ provider: 'offline', model: 'shipyard-offline-1' });
    expect(logger.lines).toHaveLength(1);
    expect(String(logger.lines[0]?.args[1])).toContain('no LLM endpoint is configured');
  });

  it('uses OpenAI when the role asks for it and an endpoint is configured', () => {
    const config = parseConfig(LlmConfig, {
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      OPENAI_API_KEY: 'sk-factory-test',
    });
    const model = createChatModel(gpt4o, config);
    expect(model).toBeInstanceOf(OpenAIChatModel);
    expect(model).toMatchObject({ provider: 'openai', model: 'gpt-4o' });
  });

  it('uses the offline model for an offline role even with an endpoint configured', () => {
    const logger = recordingLogger();
    const config = parseConfig(LlmConfig, { OPENAI_API_KEY: 'sk-factory-test' });
    expect(createChatModel(offlineRole, config, { logger })).toBeInstanceOf(OfflineChatModel);
    expect(String(logger.lines[0]?.args[1])).toContain('configured for the offline provider');
  });

  it('passes the offline latency and token settings on', async () => {
    const config = parseConfig(LlmConfig, { OFFLINE_MODEL_TOKEN_MULTIPLIER: '2' });
    const model = createChatModel(gpt4o, config);
    const response = await model.complete({
      system: '',
      messages: [{ role: 'user', content: 'x'.repeat(40) }],
      responseFormat: 'text',
    });
    // 41 characters (system, newline, message) / 4 * 2.
    expect(response.usage.promptTokens).toBe(Math.ceil((41 / 4) * 2));
  });
});
