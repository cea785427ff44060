import type OpenAI from 'openai';
import type { RoleModelConfig } from '@shipyard/contracts';
import type { ChatModel } from './chat-model.port';
import { llmEndpointConfigured, type LlmConfig } from './llm.config';
import type { LlmLogger } from './llm-logger';
import { OfflineChatModel } from './offline/offline-chat.model';
import { createOpenAIClient } from './openai/openai-client.factory';
import { OpenAIChatModel } from './openai/openai-chat.model';

export interface CreateChatModelOptions {
  logger?: LlmLogger;
}

/** One client per config object: its connection pool is shared by every role and job of a service. */
const clients = new WeakMap<LlmConfig, OpenAI>();
/** Which fallback notices each logger has already written, so a busy agent logs the choice once. */
const announced = new WeakMap<object, Set<string>>();

/**
 * The model a role talks to: `OpenAIChatModel` when the role asks for provider `openai` and an endpoint
 * is configured (OPENAI_BASE_URL or OPENAI_API_KEY), the deterministic `OfflineChatModel` otherwise.
 * Falling back is logged once per logger with the reason.
 */
export function createChatModel(
  role: RoleModelConfig,
  config: LlmConfig,
  options: CreateChatModelOptions = {},
): ChatModel {
  const { logger } = options;
  if (role.provider === 'openai' && llmEndpointConfigured(config)) {
    let client = clients.get(config);
    if (!client) {
      client = createOpenAIClient(config, logger);
      clients.set(config, client);
    }
    return new OpenAIChatModel({
      client,
      model: role.model,
      temperature: role.temperature,
      ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}),
    });
  }
  const reason =
    role.provider === 'offline'
      ? 'the role is configured for the offline provider'
      : 'no LLM endpoint is configured (OPENAI_BASE_URL and OPENAI_API_KEY are unset)';
  announceOnce(logger, reason, () =>
    logger?.info(
      { provider: 'offline', requestedProvider: role.provider, requestedModel: role.model, reason },
      `Using the deterministic offline model because ${reason}`,
    ),
  );
  return new OfflineChatModel({
    latencyMs: config.OFFLINE_MODEL_LATENCY_MS,
    tokenMultiplier: config.OFFLINE_MODEL_TOKEN_MULTIPLIER,
    ...(logger ? { logger } : {}),
  });
}

function announceOnce(logger: LlmLogger | undefined, key: string, write: () => void): void {
  if (!logger) return;
  let seen = announced.get(logger);
  if (!seen) {
    seen = new Set();
    announced.set(logger, seen);
  }
  if (seen.has(key)) return;
  seen.add(key);
  write();
}
