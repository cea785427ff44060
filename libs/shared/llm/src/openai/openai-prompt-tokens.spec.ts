import type OpenAI from 'openai';
import type { ChatRequest } from '../chat-model.port';
import { LlmError } from '../llm.errors';
import { OpenAIChatModel } from './openai-chat.model';
import { estimateOpenAIPromptTokens } from './openai-prompt-tokens';

// promptTokens never reaches the client.
const model = new OpenAIChatModel({ client: {} as OpenAI, model: 'gpt-4o', temperature: 0 });

describe('estimateOpenAIPromptTokens', () => {
  it('counts a token per 3 UTF-8 bytes, 4 per message and 3 for the reply', () => {
    expect(estimateOpenAIPromptTokens([])).toBe(3);
    expect(estimateOpenAIPromptTokens([{ content: 'abcdefg' }])).toBe(3 + 4 + 3);
    expect(estimateOpenAIPromptTokens([{ content: '' }, { content: 'abc' }])).toBe(3 + 4 + 4 + 1);
    // Three-byte characters count a token each rather than a third of one.
    expect(estimateOpenAIPromptTokens([{ content: '日本語' }])).toBe(3 + 4 + 3);
  });

  it('errs high against the offline model, which counts 4 characters per token as OpenAI averages', () => {
    const content = 'export function shorten(url: string): string { return url.slice(0, 8); }\n'.repeat(40);
    expect(estimateOpenAIPromptTokens([{ content }])).toBeGreaterThan(Math.ceil(content.length / 4));
  });
});

describe('OpenAIChatModel.promptTokens', () => {
  const request: ChatRequest = {
    system: 'You review code.',
    messages: [{ role: 'user', content: 'Review this.' }],
    responseFormat: 'text',
  };

  it('counts the messages it sends, with the JSON instruction JSON mode adds when the prompt lacks one', () => {
    const text = model.promptTokens(request);
    expect(text).toBe(estimateOpenAIPromptTokens([{ content: request.system }, { content: 'Review this.' }]));
    const json = model.promptTokens({ ...request, responseFormat: 'json' });
    expect(json).toBe(
      estimateOpenAIPromptTokens([
        { content: `${request.system}\nAnswer with one JSON object.` },
        { content: 'Review this.' },
      ]),
    );
  });

  it('refuses to count a malformed request', () => {
    expect(() => model.promptTokens({ ...request, messages: [] })).toThrow(LlmError);
  });
});
