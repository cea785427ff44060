import OpenAI from 'openai';
import type { LlmConfig } from '../llm.config';
import type { LlmLogger } from '../llm-logger';
import { realmSafeFetch } from './realm-safe-fetch';
import { scrubSecrets } from './scrub-secrets';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/**
 * Local OpenAI-compatible servers (vLLM, Ollama, llama.cpp) often need no key, but the client refuses to
 * start without one; this placeholder is sent instead and means nothing to such servers.
 */
const NO_KEY = 'no-api-key-configured';

/**
 * The `openai` client for the configured endpoint. Every setting is passed explicitly (nulls included)
 * because the client otherwise reads OPENAI_* variables from the environment by itself, and config here
 * is parsed once and nowhere else. Its own log lines go to our logger with keys scrubbed.
 */
export function createOpenAIClient(config: LlmConfig, logger?: LlmLogger): OpenAI {
  const key = config.OPENAI_API_KEY;
  const scrub = (message: string): string => scrubSecrets(message, key);
  return new OpenAI({
    apiKey: key ?? NO_KEY,
    baseURL: config.OPENAI_BASE_URL ?? OPENAI_DEFAULT_BASE_URL,
    timeout: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
    fetch: realmSafeFetch,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    logLevel: logger ? config.OPENAI_CLIENT_LOG_LEVEL : 'off',
    ...(logger
      ? {
          logger: {
            error: (message: string) => logger.error(scrub(message)),
            warn: (message: string) => logger.warn(scrub(message)),
            info: (message: string) => logger.info(scrub(message)),
            debug: (message: string) => logger.debug(scrub(message)),
          },
        }
      : {}),
  });
}
