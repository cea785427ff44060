/** One turn of a conversation after the system prompt. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** Tokens one model call used. Field names match `AgentUsage` in the contracts so it can be recorded as is. */
export interface ChatUsage {
  provider: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
}

/** `json` asks the model for one JSON object (OpenAI's JSON mode); `text` for free text. */
export type ResponseFormat = 'json' | 'text';

export interface ChatRequest {
  system: string;
  messages: ChatMessage[];
  /** Omitted: the temperature the model was configured with (the role's `RoleModelConfig.temperature`). */
  temperature?: number;
  responseFormat: ResponseFormat;
  /** Upper bound on completion tokens; a longer answer is cut and reported with `finishReason: 'length'`. */
  maxTokens?: number;
  signal?: AbortSignal;
}

/** Why the model stopped: `length` means the content was cut at `maxTokens` and is probably incomplete. */
export type FinishReason = 'stop' | 'length';

export interface ChatResponse {
  content: string;
  usage: ChatUsage;
  finishReason: FinishReason;
  /** True when the endpoint reported no usage and the counts were estimated from the text length. */
  usageEstimated: boolean;
  /** Wall time of the call including the client's own retries, in milliseconds. */
  latencyMs: number;
}

/**
 * The port every agent talks to a model through. Implementations: `OpenAIChatModel` (any
 * OpenAI-compatible endpoint) and `OfflineChatModel` (deterministic, no network). Failures are thrown
 * as `LlmError`, whose `retryable` flag tells the caller whether trying again later can help.
 */
export interface ChatModel {
  /** `openai` or `offline`; the same value the usage carries. */
  readonly provider: string;
  /** The model name requests go to (the usage may name a more specific version). */
  readonly model: string;
  /**
   * The prompt tokens `request` will count, known before the call so a caller can cap the completion to
   * what a job's allowance has left. Exact where the implementation counts the tokens itself (offline: the
   * same number `complete` reports); a conservative estimate otherwise (OpenAI: the endpoint tokenizes), so
   * an allowance is only as tight as that estimate on a real model.
   */
  promptTokens(request: ChatRequest): number;
  complete(request: ChatRequest): Promise<ChatResponse>;
}
