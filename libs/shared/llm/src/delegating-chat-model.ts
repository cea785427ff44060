import type { ChatModel, ChatRequest, ChatResponse } from './chat-model.port';

/**
 * A model that wraps another (to heartbeat, cap, record...): it is the inner model in all but `complete`,
 * which a subclass decorates. One base, so a member added to the port is forwarded in one place.
 */
export abstract class DelegatingChatModel implements ChatModel {
  constructor(protected readonly inner: ChatModel) {}

  get provider(): string {
    return this.inner.provider;
  }

  get model(): string {
    return this.inner.model;
  }

  promptTokens(request: ChatRequest): number {
    return this.inner.promptTokens(request);
  }

  abstract complete(request: ChatRequest): Promise<ChatResponse>;
}
