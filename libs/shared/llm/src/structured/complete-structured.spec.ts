import { IsInt, IsString, Min } from 'class-validator';
import type { ChatModel, ChatRequest, ChatResponse } from '../chat-model.port';
import { LlmError } from '../llm.errors';
import { completeStructured } from './complete-structured';
import { classSchema, guardSchema } from './output-schema';

class Verdict {
  @IsString()
  label!: string;

  @IsInt()
  @Min(0)
  score!: number;
}

/** A scripted model: answers from a list and records what it was asked. */
class ScriptedModel implements ChatModel {
  readonly provider = 'scripted';
  readonly model = 'scripted-1';
  readonly requests: ChatRequest[] = [];
  constructor(private readonly answers: (Partial<ChatResponse> | LlmError)[]) {}

  promptTokens(): number {
    return 100 * (this.requests.length + 1);
  }

  complete(request: ChatRequest): Promise<ChatResponse> {
    this.requests.push(request);
    const next = this.answers.shift();
    if (next === undefined) return Promise.reject(new Error('no scripted answer left'));
    if (next instanceof LlmError) return Promise.reject(next);
    const n = this.requests.length;
    return Promise.resolve({
      content: '',
      finishReason: 'stop',
      usageEstimated: false,
      latencyMs: 5,
      usage: { provider: this.provider, model: this.model, promptTokens: 100 * n, completionTokens: 10 * n },
      ...next,
    });
  }
}

const request = { system: 'Judge.', messages: [{ role: 'user' as const, content: 'Rate this as JSON.' }] };

describe('completeStructured', () => {
  it('returns the validated value of a good first answer, asking in JSON mode', async () => {
    const model = new ScriptedModel([{ content: '{"label":"ok","score":3}' }]);
    const result = await completeStructured(model, request, classSchema(Verdict));
    expect(result.value).toBeInstanceOf(Verdict);
    expect(result.value).toEqual({ label: 'ok', score: 3 });
    expect(result).toMatchObject({ attempts: 1, latencyMs: 5 });
    expect(result.usage).toEqual([
      { provider: 'scripted', model: 'scripted-1', promptTokens: 100, completionTokens: 10 },
    ]);
    expect(model.requests[0]?.responseFormat).toBe('json');
  });

  it('retries once with the validation errors in the prompt and reports both calls', async () => {
    const model = new ScriptedModel([
      { content: '{"label":"ok","score":-1,"extra":true}' },
      { content: '{"label":"ok","score":1}' },
    ]);
    const result = await completeStructured(model, request, classSchema(Verdict));
    expect(result.value).toEqual({ label: 'ok', score: 1 });
    expect(result.attempts).toBe(2);
    expect(result.usage.map((u) => u.promptTokens)).toEqual([100, 200]);
    const retry = model.requests[1]?.messages ?? [];
    expect(retry.slice(0, 2)).toEqual([
      request.messages[0],
      { role: 'assistant', content: '{"label":"ok","score":-1,"extra":true}' },
    ]);
    expect(retry[2]?.content).toContain('could not be used as Verdict');
    expect(retry[2]?.content).toContain('score: score must not be less than 0');
    expect(retry[2]?.content).toContain('property extra should not exist');
  });

  it('throws a non-retryable INVALID_OUTPUT carrying both calls usage when the retry is bad too', async () => {
    const model = new ScriptedModel([{ content: 'not json' }, { content: '{"label": 5}' }]);
    const error = (await completeStructured(model, request, classSchema(Verdict)).catch(
      (e: unknown) => e,
    )) as LlmError;
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: 'INVALID_OUTPUT', retryable: false });
    expect(error.usage).toHaveLength(2);
    expect(error.details?.['firstErrors']).toEqual([expect.stringContaining('not valid JSON')]);
    expect(model.requests).toHaveLength(2);
  });

  it('treats an answer cut at the token limit as invalid', async () => {
    const model = new ScriptedModel([
      { content: '{"label":"o', finishReason: 'length' },
      { content: '{"label":"ok","score":0}' },
    ]);
    const result = await completeStructured(model, { ...request, maxTokens: 5 }, classSchema(Verdict));
    expect(result.attempts).toBe(2);
    expect(model.requests[1]?.messages[2]?.content).toContain('cut off at the token limit');
  });

  it('accepts JSON wrapped in a Markdown fence or a sentence', async () => {
    const fenced = new ScriptedModel([{ content: '```json\n{"label":"a","score":1}\n```' }]);
    const chatty = new ScriptedModel([{ content: 'Here you go: {"label":"b","score":2} Hope it helps.' }]);
    await expect(completeStructured(fenced, request, classSchema(Verdict))).resolves.toMatchObject({
      value: { label: 'a' },
      attempts: 1,
    });
    await expect(completeStructured(chatty, request, classSchema(Verdict))).resolves.toMatchObject({
      value: { label: 'b' },
      attempts: 1,
    });
  });

  it('works with a type guard', async () => {
    const isPair = (v: unknown): v is [number, number] =>
      Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number');
    const model = new ScriptedModel([{ content: '[1]' }, { content: '[1, 2]' }]);
    const result = await completeStructured(
      model,
      request,
      guardSchema('Pair', isPair, () => ['must be two numbers']),
    );
    expect(result.value).toEqual([1, 2]);
    expect(model.requests[1]?.messages[2]?.content).toContain('- must be two numbers');
  });

  it('keeps the first call usage when the correction call fails', async () => {
    const model = new ScriptedModel([
      { content: '{}' },
      new LlmError('RATE_LIMITED', 'slow down', { retryable: true, status: 429 }),
    ]);
    const error = (await completeStructured(model, request, classSchema(Verdict)).catch(
      (e: unknown) => e,
    )) as LlmError;
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, status: 429 });
    expect(error.usage).toHaveLength(1);
  });
});
