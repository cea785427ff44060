import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { currentContext } from '@shipyard/shared/observability';
import type { GatewayRequest, GatewayResponse } from './gateway-request';
import { requestIdMiddleware } from './request-id.middleware';

class FakeResponse extends EventEmitter {
  statusCode = 200;
  writableFinished = false;
  readonly headers: Record<string, string> = {};
  setHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  finish(status: number): void {
    this.statusCode = status;
    this.writableFinished = true;
    this.emit('finish');
    this.emit('close');
  }
}

function run(headers: Record<string, string>): {
  req: GatewayRequest;
  res: FakeResponse;
  lines: () => Record<string, unknown>[];
  seen: string | undefined;
} {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done): void {
      text += chunk.toString('utf8');
      done();
    },
  });
  const req = {
    method: 'GET',
    originalUrl: '/api/projects?status=READY',
    url: '/api/projects?status=READY',
    headers,
  } as unknown as GatewayRequest;
  const res = new FakeResponse();
  let seen: string | undefined;
  requestIdMiddleware(pino({ level: 'info' }, sink))(req, res as unknown as GatewayResponse, () => {
    seen = currentContext().requestId;
  });
  return {
    req,
    res,
    seen,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('requestIdMiddleware', () => {
  it('keeps a sane caller id: on the request, the response header and the context of what follows', () => {
    const { req, res, seen } = run({ 'x-request-id': 'abc-123' });
    expect(req.requestId).toBe('abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(seen).toBe('abc-123');
  });

  it('generates one otherwise', () => {
    const { req, res } = run({ 'x-request-id': 'bad\nid' });
    expect(req.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-request-id']).toBe(req.requestId);
  });

  it('logs one line per request with method, path, status and duration, never the Authorization header', () => {
    const { res, lines } = run({ 'x-request-id': 'abc-123', authorization: 'Bearer sk_secret_key_value' });
    res.finish(404);
    const logged = lines();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      requestId: 'abc-123',
      method: 'GET',
      path: '/api/projects',
      status: 404,
      msg: 'request',
    });
    expect(typeof logged[0]?.durationMs).toBe('number');
    expect(JSON.stringify(logged)).not.toContain('sk_secret_key_value');
  });

  it('marks a request the client abandoned', () => {
    const { res, lines } = run({});
    res.emit('close');
    expect(lines()[0]).toMatchObject({ aborted: true });
  });
});
