import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A scripted answer of the fake endpoint, consumed in order, one per request. */
export type FakeOpenAIResponse =
  | {
      type: 'completion';
      content: string | null;
      promptTokens?: number;
      completionTokens?: number;
      /** Leave usage out of the body, as some OpenAI-compatible servers do. */
      omitUsage?: boolean;
      model?: string;
      finishReason?: 'stop' | 'length' | 'content_filter';
      refusal?: string;
    }
  | {
      type: 'error';
      status: number;
      message?: string;
      errorType?: string;
      code?: string | null;
      headers?: Record<string, string>;
    }
  /** Never answers (until the server closes), so the client's timeout fires. */
  | { type: 'hang' }
  /** Drops the connection without an answer: a connection error for the client. */
  | { type: 'disconnect' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
}

export interface FakeOpenAIServerOptions {
  /** When set, requests without `Authorization: Bearer <apiKey>` get OpenAI's 401 (quoting the key sent). */
  apiKey?: string;
  /** Retry-After (ms) sent with scripted 429 and 5xx errors, so client retries are fast in tests. */
  retryAfterMs?: number;
}

/**
 * A small real HTTP server speaking enough of the OpenAI chat completions API to drive the real `openai`
 * client: POST /v1/chat/completions with OpenAI's response and error bodies. Listens on 127.0.0.1, port 0.
 * Answers come from a queue (`enqueue`); every request is recorded. With an empty queue it answers 500
 * with `x-should-retry: false`, so a test that forgot to script a call fails loudly instead of hanging.
 */
export class FakeOpenAIServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: FakeOpenAIResponse[] = [];
  private readonly sockets = new Set<Socket>();
  private counter = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: FakeOpenAIServerOptions,
  ) {}

  static async start(options: FakeOpenAIServerOptions = {}): Promise<FakeOpenAIServer> {
    const server = createServer();
    const fake = new FakeOpenAIServer(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    server.on('connection', (socket) => {
      fake.sockets.add(socket);
      socket.once('close', () => fake.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  /** `http://127.0.0.1:<port>/v1`, what OPENAI_BASE_URL would be. */
  get baseURL(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  enqueue(...responses: FakeOpenAIResponse[]): this {
    this.queue.push(...responses);
    return this;
  }

  /** Scripted answers not yet used. */
  get pending(): number {
    return this.queue.length;
  }

  /** Stops listening and cuts every open connection, including hung ones. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const path = (req.url ?? '').split('?')[0] ?? '';
    this.requests.push({
      method: req.method ?? '',
      path,
      headers: { ...req.headers },
      body: parseJson(text),
    });
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      return send(
        res,
        404,
        errorBody(`Unknown request URL: ${req.method} ${path}`, 'invalid_request_error', 'unknown_url'),
      );
    }
    if (this.options.apiKey !== undefined && req.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      // Real OpenAI quotes (part of) the wrong key here; quoting all of it is the worst case for scrubbing.
      const sent = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      return send(
        res,
        401,
        errorBody(`Incorrect API key provided: ${sent}.`, 'invalid_request_error', 'invalid_api_key'),
      );
    }
    const body = parseJson(text);
    if (
      typeof body !== 'object' ||
      body === null ||
      !Array.isArray((body as { messages?: unknown }).messages)
    ) {
      return send(res, 400, errorBody("'messages' is a required property", 'invalid_request_error', null));
    }
    const next = this.queue.shift();
    if (!next) {
      return send(res, 500, errorBody('FakeOpenAIServer: no scripted response left', 'server_error', null), {
        'x-should-retry': 'false',
      });
    }
    this.answer(next, body, res);
  }

  private answer(next: FakeOpenAIResponse, body: { model?: unknown }, res: ServerResponse): void {
    switch (next.type) {
      case 'hang':
        return;
      case 'disconnect':
        res.socket?.destroy();
        return;
      case 'error': {
        const retryHeaders: Record<string, string> =
          this.options.retryAfterMs !== undefined && (next.status === 429 || next.status >= 500)
            ? { 'retry-after-ms': String(this.options.retryAfterMs) }
            : {};
        const type =
          next.errorType ??
          (next.status === 429
            ? 'rate_limit_exceeded'
            : next.status >= 500
              ? 'server_error'
              : 'invalid_request_error');
        return send(
          res,
          next.status,
          errorBody(next.message ?? `Scripted error ${next.status}`, type, next.code ?? null),
          {
            ...retryHeaders,
            ...next.headers,
          },
        );
      }
      case 'completion': {
        this.counter += 1;
        const promptTokens = next.promptTokens ?? 10;
        const completionTokens = next.completionTokens ?? 5;
        return send(
          res,
          200,
          {
            id: `chatcmpl-fake-${this.counter}`,
            object: 'chat.completion',
            created: 1_700_000_000 + this.counter,
            model: next.model ?? (typeof body.model === 'string' ? body.model : 'fake-model'),
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: next.content, refusal: next.refusal ?? null },
                finish_reason: next.finishReason ?? 'stop',
                logprobs: null,
              },
            ],
            ...(next.omitUsage
              ? {}
              : {
                  usage: {
                    prompt_tokens: promptTokens,
                    completion_tokens: completionTokens,
                    total_tokens: promptTokens + completionTokens,
                  },
                }),
          },
          { 'x-request-id': `req_fake_${this.counter}` },
        );
      }
    }
  }
}

function errorBody(message: string, type: string, code: string | null): object {
  return { error: { message, type, param: null, code } };
}

function send(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
