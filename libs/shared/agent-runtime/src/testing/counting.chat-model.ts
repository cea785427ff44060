import type { RoleModelConfig } from '@shipyard/contracts';
import {
  createChatModel,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type LlmConfig,
  type LlmError,
} from '@shipyard/shared/llm';
import type { ModelFactory } from '../runtime/model.factory';

/**
 * Model factory for specs: the real model `createChatModel` picks (the offline one without an endpoint),
 * wrapped so the spec can count calls across every job, and optionally fail the first calls with scripted
 * errors (a rate limit, a refused request) before answering normally.
 */
export class CountingModels {
  calls = 0;
  private readonly failures: LlmError[];

  constructor(
    private readonly llm: LlmConfig,
    failures: readonly LlmError[] = [],
  ) {
    this.failures = [...failures];
  }

  readonly modelFor: ModelFactory = (config: RoleModelConfig): ChatModel => {
    const inner = createChatModel(config, this.llm);
    const next = (request: ChatRequest): Promise<ChatResponse> => {
      this.calls++;
      const failure = this.failures.shift();
      return failure ? Promise.reject(failure) : inner.complete(request);
    };
    return {
      provider: inner.provider,
      model: inner.model,
      promptTokens: (request) => inner.promptTokens(request),
      complete: next,
    };
  };
}
