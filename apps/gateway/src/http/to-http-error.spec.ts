import {
  BadRequestException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { DomainError, ErrorCodes, type ErrorCode } from '@shipyard/contracts';
import { statusForCode } from './error-status';
import { toHttpError, type HttpErrorContext } from './to-http-error';

const context: HttpErrorContext = {
  requestId: 'req-1',
  path: '/api/projects',
  method: 'POST',
  now: new Date('2026-01-02T03:04:05.000Z'),
};

/** Body-parser errors reach the filter wrapped by Nest, with the original as `cause`. */
function parserError(status: number, type: string): HttpException {
  return new HttpException('raw parser text at /srv/node_modules/x.js', status, {
    cause: Object.assign(new Error('x'), { type }),
  });
}

describe('statusForCode', () => {
  const expected: Record<ErrorCode, number> = {
    VALIDATION_FAILED: 400,
    UNAUTHENTICATED: 401,
    TEMPLATE_NOT_FOUND: 404,
    TEMPLATE_VERSION_NOT_FOUND: 404,
    PROJECT_NOT_FOUND: 404,
    RUN_NOT_FOUND: 404,
    TASK_NOT_FOUND: 404,
    COMMENT_NOT_FOUND: 404,
    REPLY_NOT_FOUND: 404,
    ROUTE_NOT_FOUND: 404,
    INVALID_STATE_TRANSITION: 409,
    PROJECT_NOT_READY: 409,
    CONFIG_INCOMPLETE: 409,
    RUN_ALREADY_ACTIVE: 409,
    PROJECT_HAS_ACTIVE_RUN: 409,
    DEPENDENCY_CYCLE: 409,
    CONFLICT: 409,
    PAYLOAD_TOO_LARGE: 413,
    RATE_LIMITED: 429,
    SERVICE_UNAVAILABLE: 503,
    INTERNAL: 500,
  };

  it.each([...ErrorCodes])('maps %s', (code) => {
    expect(statusForCode(code)).toBe(expected[code]);
  });
});

describe('toHttpError', () => {
  it.each([...ErrorCodes])('answers a DomainError %s with its status and the full body', (code) => {
    const { status, body } = toHttpError(new DomainError(code, 'Something specific'), context);
    expect(status).toBe(statusForCode(code));
    expect(body).toMatchObject({
      statusCode: status,
      code,
      requestId: 'req-1',
      timestamp: '2026-01-02T03:04:05.000Z',
      path: '/api/projects',
    });
    expect(typeof body.message).toBe('string');
    expect(body.message.length).toBeGreaterThan(0);
  });

  it('keeps per-field details of a validation error', () => {
    const details = [{ path: 'name', messages: ['name must be a string'] }];
    const { body } = toHttpError(
      new DomainError('VALIDATION_FAILED', 'Request is invalid', details),
      context,
    );
    expect(body.details).toEqual(details);
    expect(body.message).toBe('Request is invalid');
  });

  it('drops details and internal wording from server faults', () => {
    const unavailable = toHttpError(
      new DomainError(
        'SERVICE_UNAVAILABLE',
        'A backing service did not answer in time',
        { subject: 'project.v1.create' },
        true,
      ),
      context,
    );
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.details).toBeUndefined();
    const internal = toHttpError(new DomainError('INTERNAL', 'pool exhausted on db-3.internal'), context);
    expect(internal.body.message).toBe('Internal server error');
    expect(JSON.stringify(internal.body)).not.toContain('db-3');
  });

  it('hides an unknown error behind a generic INTERNAL and asks for it to be logged', () => {
    const crash = new TypeError("Cannot read properties of undefined (reading 'id') at /srv/app/x.ts:12");
    const error = toHttpError(crash, context);
    expect(error).toMatchObject({
      status: 500,
      unexpected: true,
      body: { code: 'INTERNAL', message: 'Internal server error' },
    });
    expect(error.body.details).toBeUndefined();
    expect(JSON.stringify(error.body)).not.toMatch(/srv|TypeError|reading/);
  });

  it('treats an error code it does not know as an internal fault', () => {
    const error = toHttpError(
      DomainError.fromReply({ code: 'QUOTA_EXCEEDED' as ErrorCode, message: 'x', retryable: false }),
      context,
    );
    expect(error).toMatchObject({
      status: 500,
      unexpected: true,
      body: { code: 'INTERNAL', message: 'Internal server error' },
    });
  });

  it('hides thrown non-errors too', () => {
    expect(toHttpError('a string', context).body.code).toBe('INTERNAL');
    expect(toHttpError(undefined, context).body.code).toBe('INTERNAL');
  });

  it('does not mark known errors as unexpected', () => {
    expect(toHttpError(new DomainError('PROJECT_NOT_FOUND', 'x'), context).unexpected).toBe(false);
  });

  it('answers malformed JSON as VALIDATION_FAILED without the parser text', () => {
    const { status, body } = toHttpError(parserError(400, 'entity.parse.failed'), context);
    expect(status).toBe(400);
    expect(body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: '', messages: ['must be valid JSON'] }],
    });
    expect(JSON.stringify(body)).not.toContain('node_modules');
  });

  it('answers a body over the limit as PAYLOAD_TOO_LARGE', () => {
    expect(toHttpError(parserError(413, 'entity.too.large'), context)).toMatchObject({
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(toHttpError(new PayloadTooLargeException(), context).body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported body encoding as 400', () => {
    expect(toHttpError(parserError(415, 'encoding.unsupported'), context)).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
  });

  it('answers an unknown route as ROUTE_NOT_FOUND naming the method and path', () => {
    const { status, body } = toHttpError(new NotFoundException('Cannot POST /api/projects'), context);
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: 'No route for POST /api/projects' });
  });

  it('maps other framework exceptions by their status class', () => {
    expect(toHttpError(new BadRequestException('x'), context).body.code).toBe('VALIDATION_FAILED');
    expect(toHttpError(new HttpException('x', 401), context).body.code).toBe('UNAUTHENTICATED');
    expect(toHttpError(new HttpException('x', 403), context).status).toBe(401);
    expect(toHttpError(new HttpException('x', 409), context).body.code).toBe('CONFLICT');
    expect(toHttpError(new HttpException('x', 415), context).status).toBe(400);
    expect(toHttpError(new HttpException('x', 504), context).body.code).toBe('SERVICE_UNAVAILABLE');
    const internal = toHttpError(new HttpException('template at /views/x.hbs line 3', 500), context);
    expect(internal).toMatchObject({
      status: 500,
      unexpected: true,
      body: { message: 'Internal server error' },
    });
  });
});
