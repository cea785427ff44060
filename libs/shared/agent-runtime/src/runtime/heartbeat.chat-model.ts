import {
  DelegatingChatModel,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
} from '@shipyard/shared/llm';

/**
 * A model that tells JetStream the job is alive when each call starts and ends. The worker already
 * heartbeats every AckWait/3 on a timer; these extra beats restart AckWait exactly at the two moments a
 * long job changes hands between us and the model, so a call that starts just before a timer beat cannot
 * push the job past AckWait because of an event loop busy parsing a large answer.
 */
export class HeartbeatChatModel extends DelegatingChatModel {
  constructor(
    inner: ChatModel,
    private readonly heartbeat: () => void,
  ) {
    super(inner);
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    this.heartbeat();
    try {
      return await this.inner.complete(request);
    } finally {
      this.heartbeat();
    }
  }
}
