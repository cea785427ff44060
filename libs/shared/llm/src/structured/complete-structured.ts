import type { ChatModel, ChatRequest, ChatUsage } from '../chat-model.port';
import { LlmError } from '../llm.errors';
import type { OutputSchema } from './output-schema';
import { parseJsonAnswer } from './json-answer.parser';

export interface StructuredResult<T> {
  value: T;
  /** One entry per model call made (1, or 2 after a correction), to be recorded in the ledger. */
  usage: ChatUsage[];
  attempts: 1 | 2;
  latencyMs: number;
}

const MAX_ERRORS_IN_PROMPT = 20;

/**
 * Asks for JSON, parses it and checks it against `schema`. An unusable first answer gets exactly one
 * correction turn that quotes the problems; a second unusable answer throws INVALID_OUTPUT (not
 * retryable: the same prompt is unlikely to fare better), carrying the usage of both calls so the tokens
 * are still accounted for.
 */
export async function completeStructured<T>(
  model: ChatModel,
  request: Omit<ChatRequest, 'responseFormat'>,
  schema: OutputSchema<T>,
): Promise<StructuredResult<T>> {
  const usage: ChatUsage[] = [];
  let latencyMs = 0;
  const call = async (messages: ChatRequest['messages']): Promise<Answer> => {
    try {
      const response = await model.complete({ ...request, messages, responseFormat: 'json' });
      usage.push(response.usage);
      latencyMs += response.latencyMs;
      return { content: response.content, truncated: response.finishReason === 'length' };
    } catch (error) {
      // Tokens spent before the failure still count against the budget.
      if (error instanceof LlmError && usage.length > 0) {
        throw new LlmError(error.code, error.message, {
          ...errorOptions(error),
          usage: [...usage, ...error.usage],
        });
      }
      throw error;
    }
  };

  const first = await call(request.messages);
  const firstCheck = check(first, schema);
  if (firstCheck.ok) return { value: firstCheck.value, usage, attempts: 1, latencyMs };

  const correction = [
    `Your previous answer could not be used as ${schema.name}:`,
    ...firstCheck.errors.slice(0, MAX_ERRORS_IN_PROMPT).map((e) => `- ${e}`),
    'Answer again with only the corrected JSON object, no other text.',
  ].join('\n');
  const second = await call([
    ...request.messages,
    { role: 'assistant', content: first.content },
    { role: 'user', content: correction },
  ]);
  const secondCheck = check(second, schema);
  if (secondCheck.ok) return { value: secondCheck.value, usage, attempts: 2, latencyMs };
  throw new LlmError(
    'INVALID_OUTPUT',
    `The model's answer is not a valid ${schema.name} after one correction: ${secondCheck.errors.slice(0, 5).join('; ')}`,
    {
      retryable: false,
      usage,
      details: { firstErrors: firstCheck.errors, secondErrors: secondCheck.errors },
    },
  );
}

interface Answer {
  content: string;
  truncated: boolean;
}

type Check<T> = { ok: true; value: T } | { ok: false; errors: string[] };

function check<T>(answer: Answer, schema: OutputSchema<T>): Check<T> {
  if (answer.truncated) {
    return { ok: false, errors: ['the answer was cut off at the token limit; answer more concisely'] };
  }
  const parsed = parseJsonAnswer(answer.content);
  if (!parsed.ok) return { ok: false, errors: [`the answer is ${parsed.error}`] };
  return schema.check(parsed.value);
}

function errorOptions(error: LlmError): {
  retryable: boolean;
  status?: number;
  requestId?: string;
  details?: Record<string, unknown>;
} {
  return {
    retryable: error.retryable,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.requestId !== undefined ? { requestId: error.requestId } : {}),
    ...(error.details !== undefined ? { details: error.details } : {}),
  };
}
