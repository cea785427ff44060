import type { ArgumentsHost } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { DomainError, type HttpErrorBody } from '@shipyard/contracts';
import type { GatewayRequest, GatewayResponse } from './gateway-request';
import { HttpErrorFilter } from './http-error.filter';

/** A response that records what the filter wrote. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  headersSent = false;
  destroyed = false;
  readonly headers: Record<string, string> = {};
  body = '';
  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }
  end(body: string): void {
    this.body = body;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

function memoryLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done): void {
      text += chunk.toString('utf8');
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  return {
    logger,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

function hostFor(res: FakeResponse, req: Partial<GatewayRequest> = {}): ArgumentsHost {
  const request = {
    method: 'POST',
    originalUrl: '/api/projects?limit=5',
    headers: {},
    requestId: 'req-7',
    ...req,
  };
  return {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => res as unknown as GatewayResponse }),
  } as unknown as ArgumentsHost;
}

const clock = (): Date => new Date('2026-03-04T05:06:07.000Z');

describe('HttpErrorFilter', () => {
  it('writes the error body with its status, the request id and the path without the query', () => {
    const { logger, lines } = memoryLogger();
    const res = new FakeResponse();
    new HttpErrorFilter(logger, clock).catch(
      new DomainError('RUN_ALREADY_ACTIVE', 'The project already has an active run'),
      hostFor(res),
    );
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body) as HttpErrorBody).toEqual({
      statusCode: 409,
      code: 'RUN_ALREADY_ACTIVE',
      message: 'The project already has an active run',
      requestId: 'req-7',
      timestamp: '2026-03-04T05:06:07.000Z',
      path: '/api/projects',
    });
    // Expected errors are not logged as faults; the access log line covers them.
    expect(lines()).toEqual([]);
  });

  it('logs an unknown error with its stack and answers a generic 500 without it', () => {
    const { logger, lines } = memoryLogger();
    const res = new FakeResponse();
    new HttpErrorFilter(logger, clock).catch(new Error('password=hunter2 at db.ts:10'), hostFor(res));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('hunter2');
    expect(JSON.parse(res.body)).toMatchObject({ code: 'INTERNAL', message: 'Internal server error' });
    const [line] = lines();
    expect(line).toMatchObject({
      level: 50,
      requestId: 'req-7',
      msg: 'unhandled error while serving a request',
    });
    expect(JSON.stringify(line)).toContain('stack');
  });

  it('asks for credentials on 401 and for a retry on 503', () => {
    const unauthenticated = new FakeResponse();
    new HttpErrorFilter(memoryLogger().logger, clock).catch(
      new DomainError('UNAUTHENTICATED', 'no'),
      hostFor(unauthenticated),
    );
    expect(unauthenticated.headers['www-authenticate']).toBe('Bearer');
    const unavailable = new FakeResponse();
    new HttpErrorFilter(memoryLogger().logger, clock).catch(
      new DomainError('SERVICE_UNAVAILABLE', 'down'),
      hostFor(unavailable),
    );
    expect(unavailable.headers['retry-after']).toBe('1');
  });

  it('cuts a response whose headers are already sent instead of writing a second one', () => {
    const res = new FakeResponse();
    res.headersSent = true;
    new HttpErrorFilter(memoryLogger().logger, clock).catch(new DomainError('INTERNAL', 'x'), hostFor(res));
    expect(res.destroyed).toBe(true);
    expect(res.body).toBe('');
  });

  it('still answers with a request id when the request never got one', () => {
    const res = new FakeResponse();
    new HttpErrorFilter(memoryLogger().logger, clock).catch(
      new DomainError('ROUTE_NOT_FOUND', 'x'),
      hostFor(res, { requestId: undefined }),
    );
    expect((JSON.parse(res.body) as HttpErrorBody).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
