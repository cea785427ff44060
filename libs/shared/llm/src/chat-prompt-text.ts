import type { ChatRequest } from './chat-model.port';

/** A request's prompt as one text (system prompt, then every turn), as the models count and scan it. */
export function chatPromptText(request: ChatRequest): string {
  return [request.system, ...request.messages.map((m) => m.content)].join('\n');
}
