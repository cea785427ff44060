import type { ChatRequest } from './chat-model.port';
import { LlmError } from './llm.errors';

/** The largest `maxTokens` a request may ask for. */
export const MAX_MAX_TOKENS = 1_000_000;

/**
 * Refuses a malformed request before it costs anything: both model implementations call this first, so
 * a caller bug looks the same offline and online (a non-retryable BAD_REQUEST naming every problem).
 */
export function validateChatRequest(request: ChatRequest): void {
  const problems: string[] = [];
  if (typeof request.system !== 'string') problems.push('system must be a string');
  if (!Array.isArray(request.messages) || request.messages.length === 0) {
    problems.push('messages must be a non-empty array');
  } else {
    request.messages.forEach((m, i) => {
      if (m === null || typeof m !== 'object') problems.push(`messages[${i}] must be an object`);
      else {
        if (m.role !== 'user' && m.role !== 'assistant')
          problems.push(`messages[${i}].role must be user or assistant`);
        if (typeof m.content !== 'string') problems.push(`messages[${i}].content must be a string`);
      }
    });
  }
  if (request.responseFormat !== 'json' && request.responseFormat !== 'text') {
    problems.push('responseFormat must be json or text');
  }
  const { temperature, maxTokens } = request;
  if (
    temperature !== undefined &&
    (typeof temperature !== 'number' || !(temperature >= 0 && temperature <= 2))
  ) {
    problems.push('temperature must be a number from 0 to 2');
  }
  if (
    maxTokens !== undefined &&
    (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > MAX_MAX_TOKENS)
  ) {
    problems.push(`maxTokens must be an integer from 1 to ${MAX_MAX_TOKENS}`);
  }
  if (problems.length > 0) {
    throw new LlmError('BAD_REQUEST', `Invalid chat request: ${problems.join('; ')}`, {
      retryable: false,
      details: { problems },
    });
  }
}
