/**
 * Real: the `openai` client (HTTP, retries, timeouts), our OpenAIChatModel and error mapping, pino.
 * Faked: the endpoint, by FakeOpenAIServer on 127.0.0.1 (no other network).
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { parseConfig } from '@shipyard/shared/config';
import { createChatModel } from '../create-chat-model.factory';
import { LlmConfig } from '../llm.config';
import { LlmError } from '../llm.errors';
import { buildJobPrompt } from '../prompts/job-prompt.builder';
import { FakeOpenAIServer } from '../testing';
import type { ChatModel, ChatRequest } from '../chat-model.port';

const API_KEY = 'sk-proj-int-spec-0123456789-SECRET';

function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, logger: pino({ level: 'trace' }, stream) };
}

const hello: ChatRequest = {
  system: 'You are terse.',
  messages: [{ role: 'user', content: 'Say hi.' }],
  responseFormat: 'text',
};

describe('OpenAIChatModel against an OpenAI-compatible endpoint', () => {
  let server: FakeOpenAIServer;
  const log = memoryLogger();

  function modelFor(
    env: Record<string, string> = {},
    role = { provider: 'openai' as const, model: 'gpt-4o', temperature: 0.3 },
  ): ChatModel {
    const config = parseConfig(LlmConfig, {
      OPENAI_BASE_URL: server.baseURL,
      OPENAI_API_KEY: API_KEY,
      OPENAI_MAX_RETRIES: '2',
      // The client's most talkative level, so the check that logs never carry the key has lines to check.
      OPENAI_CLIENT_LOG_LEVEL: 'debug',
      ...env,
    });
    return createChatModel(role, config, { logger: log.logger });
  }

  async function failure(model: ChatModel, request: ChatRequest = hello): Promise<LlmError> {
    const error = await model.complete(request).catch((e: unknown) => e);
    if (!(error instanceof LlmError)) throw new Error(`expected an LlmError, got ${String(error)}`);
    return error;
  }

  beforeEach(async () => {
    server = await FakeOpenAIServer.start({ apiKey: API_KEY, retryAfterMs: 1 });
  });
  afterEach(async () => {
    await server.close();
  });
  afterAll(() => {
    // Every log line this suite produced (retries, failures, timeouts) is free of the key.
    expect(log.lines.length).toBeGreaterThan(10);
    expect(log.lines.join('\n')).not.toContain(API_KEY);
    expect(log.lines.join('\n')).not.toContain('SECRET');
  });

  it('returns the content, the usage the endpoint reported and the latency', async () => {
    server.enqueue({
      type: 'completion',
      content: 'hi',
      promptTokens: 21,
      completionTokens: 2,
      model: 'gpt-4o-2024-08-06',
    });
    const response = await modelFor().complete({ ...hello, maxTokens: 50 });
    expect(response).toMatchObject({
      content: 'hi',
      finishReason: 'stop',
      usageEstimated: false,
      usage: { provider: 'openai', model: 'gpt-4o-2024-08-06', promptTokens: 21, completionTokens: 2 },
    });
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body).toEqual({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Say hi.' },
      ],
      stream: false,
      temperature: 0.3,
      max_tokens: 50,
    });
  });

  it('asks for JSON mode with a job prompt, and adds the word JSON when a prompt lacks it', async () => {
    server.enqueue(
      { type: 'completion', content: '{"approved":true,"findings":[]}' },
      { type: 'completion', content: '{}' },
    );
    const model = modelFor();
    const job = buildJobPrompt({ role: 'lead', kind: 'review', attempt: 1, input: { files: [] } });
    await model.complete({ ...job, responseFormat: 'json', temperature: 0 });
    await model.complete({ ...hello, responseFormat: 'json' });
    const [first, second] = server.requests.map(
      (r) => r.body as { response_format?: unknown; temperature?: number; messages: { content: string }[] },
    );
    expect(first?.response_format).toEqual({ type: 'json_object' });
    expect(first?.temperature).toBe(0);
    expect(first?.messages[0]?.content).toBe(job.system);
    expect(second?.response_format).toEqual({ type: 'json_object' });
    expect(second?.messages[0]?.content).toBe('You are terse.\nAnswer with one JSON object.');
  });

  it('sends reasoning models max_completion_tokens and no temperature', async () => {
    server.enqueue({ type: 'completion', content: 'ok' });
    await modelFor({}, { provider: 'openai', model: 'o3', temperature: 0.2 }).complete({
      ...hello,
      maxTokens: 99,
    });
    const body = server.requests[0]?.body as Record<string, unknown>;
    expect(body['max_completion_tokens']).toBe(99);
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('max_tokens');
  });

  it('retries a 429 and succeeds', async () => {
    server.enqueue(
      { type: 'error', status: 429, message: 'Rate limit reached' },
      { type: 'completion', content: 'hi' },
    );
    await expect(modelFor().complete(hello)).resolves.toMatchObject({ content: 'hi' });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a 500 and succeeds', async () => {
    server.enqueue(
      { type: 'error', status: 500 },
      { type: 'error', status: 503 },
      { type: 'completion', content: 'hi' },
    );
    await expect(modelFor().complete(hello)).resolves.toMatchObject({ content: 'hi' });
    expect(server.requests).toHaveLength(3);
  });

  it('reports a retryable RATE_LIMITED once the client retries are spent', async () => {
    server.enqueue(
      ...Array.from({ length: 3 }, () => ({
        type: 'error' as const,
        status: 429,
        message: 'Rate limit reached',
      })),
    );
    const error = await failure(modelFor());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, status: 429 });
    expect(server.requests).toHaveLength(3);
  });

  it('reports an exhausted quota (429 insufficient_quota) as not retryable', async () => {
    server.enqueue({
      type: 'error',
      status: 429,
      code: 'insufficient_quota',
      message: 'You exceeded your current quota',
      headers: { 'x-should-retry': 'false' },
    });
    const error = await failure(modelFor());
    expect(error).toMatchObject({ code: 'QUOTA_EXCEEDED', retryable: false });
  });

  it('does not retry a 401 and keeps the key out of the error', async () => {
    const model = modelFor({ OPENAI_API_KEY: `${API_KEY}-wrong` });
    const error = await failure(model);
    expect(JSON.stringify(model)).not.toContain(API_KEY);
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', retryable: false, status: 401 });
    const everything = `${error.message} ${JSON.stringify(error)} ${JSON.stringify(error.toFailure())} ${String(error.stack)}`;
    expect(everything).not.toContain(API_KEY);
    expect(error.message).toContain('Incorrect API key provided: [redacted]');
  });

  it.each([
    [400, 'BAD_REQUEST'],
    [404, 'NOT_FOUND'],
    [403, 'FORBIDDEN'],
    [422, 'BAD_REQUEST'],
  ])('does not retry a %i (%s)', async (status, code) => {
    server.enqueue({ type: 'error', status, message: 'nope' });
    const error = await failure(modelFor());
    expect(error).toMatchObject({ code, retryable: false, status });
    expect(server.requests).toHaveLength(1);
  });

  it('turns a request that gets no answer into a retryable TIMEOUT, after the client retried it', async () => {
    server.enqueue({ type: 'hang' }, { type: 'hang' });
    const error = await failure(modelFor({ OPENAI_TIMEOUT_MS: '150', OPENAI_MAX_RETRIES: '1' }));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(server.requests).toHaveLength(2);
  });

  it('turns a dropped connection into a retryable CONNECTION error', async () => {
    server.enqueue({ type: 'disconnect' });
    const error = await failure(modelFor({ OPENAI_MAX_RETRIES: '0' }));
    expect(error).toMatchObject({ code: 'CONNECTION', retryable: true });
  });

  it('turns an unreachable endpoint into a retryable CONNECTION error', async () => {
    const url = server.baseURL;
    await server.close();
    const config = parseConfig(LlmConfig, {
      OPENAI_BASE_URL: url,
      OPENAI_API_KEY: API_KEY,
      OPENAI_MAX_RETRIES: '0',
    });
    const error = await failure(
      createChatModel({ provider: 'openai', model: 'gpt-4o', temperature: 0 }, config),
    );
    expect(error).toMatchObject({ code: 'CONNECTION', retryable: true });
    server = await FakeOpenAIServer.start();
  });

  it('stops when the caller aborts, without retrying', async () => {
    server.enqueue({ type: 'hang' });
    const controller = new AbortController();
    const pending = modelFor().complete({ ...hello, signal: controller.signal });
    const deadline = Date.now() + 5000;
    while (server.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED', retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('estimates usage when the endpoint reports none, and says so', async () => {
    server.enqueue({ type: 'completion', content: 'twelve chars', omitUsage: true });
    const response = await modelFor().complete(hello);
    expect(response.usageEstimated).toBe(true);
    expect(response.usage.completionTokens).toBe(3);
    expect(response.usage.promptTokens).toBeGreaterThan(0);
  });

  it('reports a cut answer as finishReason length', async () => {
    server.enqueue({ type: 'completion', content: '{"a":', finishReason: 'length' });
    await expect(modelFor().complete(hello)).resolves.toMatchObject({
      finishReason: 'length',
      content: '{"a":',
    });
  });

  it('reports refusals, filtered and empty answers with the tokens they cost', async () => {
    server.enqueue(
      { type: 'completion', content: null, refusal: 'I cannot help with that.', completionTokens: 7 },
      { type: 'completion', content: null, finishReason: 'content_filter' },
      { type: 'completion', content: null },
    );
    const model = modelFor();
    const refused = await failure(model);
    expect(refused).toMatchObject({ code: 'REFUSED', retryable: false });
    expect(refused.usage[0]?.completionTokens).toBe(7);
    await expect(failure(model)).resolves.toMatchObject({ code: 'CONTENT_FILTERED', retryable: false });
    await expect(failure(model)).resolves.toMatchObject({ code: 'EMPTY_RESPONSE', retryable: true });
  });
});
