import { DomainError } from '@shipyard/contracts';
import { classifyHandlerFailure, RetryLaterError } from './handler-failure.classifier';

describe('classifyHandlerFailure', () => {
  it('follows a DomainError on retryability and keeps its code and details', () => {
    expect(
      classifyHandlerFailure(new DomainError('VALIDATION_FAILED', 'bad', [{ path: 'x', messages: ['y'] }])),
    ).toEqual({
      retryable: false,
      code: 'VALIDATION_FAILED',
      message: 'bad',
      details: [{ path: 'x', messages: ['y'] }],
    });
    expect(classifyHandlerFailure(new DomainError('SERVICE_UNAVAILABLE', 'down', undefined, true))).toEqual({
      retryable: true,
      code: 'SERVICE_UNAVAILABLE',
      message: 'down',
    });
  });

  it('treats unknown errors and thrown non-errors as retryable', () => {
    expect(classifyHandlerFailure(new TypeError('x is undefined'))).toEqual({
      retryable: true,
      message: 'TypeError: x is undefined',
    });
    expect(classifyHandlerFailure({ weird: true })).toEqual({
      retryable: true,
      message: 'non-error thrown: {"weird":true}',
    });
    expect(classifyHandlerFailure(undefined)).toEqual({
      retryable: true,
      message: 'non-error thrown: undefined',
    });
  });

  it("keeps a handler's own retry delay, rounded and never negative", () => {
    expect(classifyHandlerFailure(new RetryLaterError('lease held elsewhere', 7400.6))).toEqual({
      retryable: true,
      retryAfterMs: 7401,
      message: 'lease held elsewhere',
    });
    expect(classifyHandlerFailure(new RetryLaterError('now', -5)).retryAfterMs).toBe(0);
  });

  it('truncates huge messages so a dead letter stays small', () => {
    const { message } = classifyHandlerFailure(new Error('x'.repeat(10_000)));
    expect(message.length).toBeLessThan(2100);
    expect(message.endsWith('...')).toBe(true);
  });
});
