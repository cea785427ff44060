/** Real: node:http on 127.0.0.1 and Node's fetch. Faked: nothing; this checks the fake endpoint itself. */
import { FakeOpenAIServer } from './fake-openai-server';

describe('FakeOpenAIServer', () => {
  let server: FakeOpenAIServer;
  beforeEach(async () => {
    server = await FakeOpenAIServer.start({ apiKey: 'sk-fake-key-123456' });
  });
  afterEach(async () => {
    await server.close();
  });

  const post = (body: unknown, key = 'sk-fake-key-123456', path = '/chat/completions') =>
    fetch(`${server.baseURL}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers scripted completions in order with OpenAI bodies, and records requests', async () => {
    server.enqueue(
      { type: 'completion', content: 'one', promptTokens: 3, completionTokens: 1 },
      { type: 'error', status: 429, message: 'slow' },
    );
    const first = await post({ model: 'm', messages: [] });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      object: 'chat.completion',
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'one' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    });
    const second = await post({ model: 'm', messages: [] });
    expect(second.status).toBe(429);
    expect(await second.json()).toEqual({
      error: { message: 'slow', type: 'rate_limit_exceeded', param: null, code: null },
    });
    expect(server.requests.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/v1/chat/completions'],
      ['POST', '/v1/chat/completions'],
    ]);
    expect(server.pending).toBe(0);
  });

  it('answers 401 to a wrong key without using a scripted response', async () => {
    server.enqueue({ type: 'completion', content: 'kept' });
    const response = await post({ messages: [] }, 'wrong');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
    expect(server.pending).toBe(1);
  });

  it('answers 404 to unknown paths, 400 to bodies without messages, 500 with nothing scripted', async () => {
    expect((await post({ messages: [] }, undefined, '/embeddings')).status).toBe(404);
    expect((await post({ model: 'm' })).status).toBe(400);
    const empty = await post({ messages: [] });
    expect(empty.status).toBe(500);
    expect(empty.headers.get('x-should-retry')).toBe('false');
  });

  it('closes even with a request hanging', async () => {
    server.enqueue({ type: 'hang' });
    const pending = post({ messages: [] }).catch((e: unknown) => e);
    const deadline = Date.now() + 5000;
    while (server.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    await server.close();
    // Node's fetch rejects with TypeError('fetch failed') when the socket goes (from its own realm, so no instanceof).
    expect(await pending).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    server = await FakeOpenAIServer.start();
  });
});
