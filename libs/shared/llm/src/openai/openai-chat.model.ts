import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { ChatModel, ChatRequest, ChatResponse } from '../chat-model.port';
import { LlmError } from '../llm.errors';
import { estimateTokens } from '../offline/estimate-tokens';
import { validateChatRequest } from '../chat-request.validator';
import { chatPromptText } from '../chat-prompt-text';
import { mapOpenAIError } from './openai-error.mapper';
import { estimateOpenAIPromptTokens } from './openai-prompt-tokens';

export const OPENAI_PROVIDER = 'openai';

export interface OpenAIChatModelOptions {
  client: OpenAI;
  model: string;
  /** Used when a request names no temperature (the role's configured one). */
  temperature: number;
  /** Only to scrub it from error messages; the client holds the key it sends. */
  apiKey?: string;
  now?: () => number;
}

/** Reasoning models refuse `temperature` and `max_tokens`; they take `max_completion_tokens` only. */
const REASONING_MODEL = /^(o\d|gpt-5)/;

/**
 * `ChatModel` over the `openai` client and any OpenAI-compatible endpoint. The client retries 408, 409,
 * 429, 5xx, timeouts and connection errors itself (OPENAI_MAX_RETRIES, honouring Retry-After); what is
 * still failing after that is thrown as an `LlmError` that says whether a later retry may help.
 */
export class OpenAIChatModel implements ChatModel {
  readonly provider = OPENAI_PROVIDER;
  readonly model: string;
  // ES private fields: a logged or serialised model object cannot expose the client or the key.
  readonly #client: OpenAI;
  readonly #apiKey: string | undefined;
  readonly #temperature: number;
  readonly #now: () => number;

  constructor(options: OpenAIChatModelOptions) {
    if (options.model.trim() === '') throw new RangeError('model must not be empty');
    if (!(options.temperature >= 0 && options.temperature <= 2))
      throw new RangeError('temperature must be from 0 to 2');
    this.model = options.model;
    this.#client = options.client;
    this.#apiKey = options.apiKey;
    this.#temperature = options.temperature;
    this.#now = options.now ?? (() => performance.now());
  }

  /** An estimate that errs high (see estimateOpenAIPromptTokens), over the messages `complete` sends. */
  promptTokens(request: ChatRequest): number {
    validateChatRequest(request);
    return estimateOpenAIPromptTokens(this.messages(request));
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    validateChatRequest(request);
    const started = this.#now();
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await this.#client.chat.completions.create(this.params(request), {
        ...(request.signal ? { signal: request.signal } : {}),
      });
    } catch (error) {
      throw mapOpenAIError(error, this.#apiKey);
    }
    const choice = completion.choices?.[0];
    const model =
      typeof completion.model === 'string' && completion.model !== '' ? completion.model : this.model;
    const usage = completion.usage;
    const usageEstimated =
      !usage || typeof usage.prompt_tokens !== 'number' || typeof usage.completion_tokens !== 'number';
    const content = choice?.message?.content ?? null;
    const promptTokens = usageEstimated ? estimateTokens(chatPromptText(request)) : usage.prompt_tokens;
    const completionTokens = usageEstimated ? estimateTokens(content ?? '') : usage.completion_tokens;
    const spent = { provider: this.provider, model, promptTokens, completionTokens };
    if (choice?.finish_reason === 'content_filter') {
      throw new LlmError('CONTENT_FILTERED', 'The endpoint withheld the answer (content filter)', {
        retryable: false,
        usage: [spent],
      });
    }
    if (choice?.message?.refusal) {
      throw new LlmError('REFUSED', `The model refused: ${choice.message.refusal.slice(0, 500)}`, {
        retryable: false,
        usage: [spent],
      });
    }
    if (content === null || (content === '' && choice?.finish_reason !== 'length')) {
      throw new LlmError('EMPTY_RESPONSE', 'The endpoint answered without content', {
        retryable: true,
        usage: [spent],
      });
    }
    return {
      content,
      usage: spent,
      finishReason: choice?.finish_reason === 'length' ? 'length' : 'stop',
      usageEstimated,
      latencyMs: this.#now() - started,
    };
  }

  private params(request: ChatRequest): ChatCompletionCreateParamsNonStreaming {
    const reasoning = REASONING_MODEL.test(this.model);
    const json = request.responseFormat === 'json';
    return {
      model: this.model,
      messages: this.messages(request),
      stream: false,
      ...(reasoning ? {} : { temperature: request.temperature ?? this.#temperature }),
      ...(request.maxTokens === undefined
        ? {}
        : reasoning
          ? { max_completion_tokens: request.maxTokens }
          : { max_tokens: request.maxTokens }),
      ...(json ? { response_format: { type: 'json_object' } } : {}),
    };
  }

  private messages(request: ChatRequest): Array<{ role: 'system' | 'user' | 'assistant'; content: string }> {
    // OpenAI's JSON mode refuses a conversation that never mentions JSON; say it once if the caller did not.
    const system =
      request.responseFormat === 'json' && !/json/i.test(chatPromptText(request))
        ? `${request.system}\nAnswer with one JSON object.`
        : request.system;
    return [
      { role: 'system', content: system },
      ...request.messages.map((m) => ({ role: m.role, content: m.content })),
    ];
  }
}
