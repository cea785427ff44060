import type { ErrorCode } from './error-code';
import type { ErrorReply, FieldError } from './error-reply';

/** A failure the caller can act on. Services throw it; edges turn it into an ErrorReply or an HTTP body. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[] | Record<string, unknown>,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toReply(): ErrorReply {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }

  static fromReply(reply: ErrorReply): DomainError {
    return new DomainError(reply.code, reply.message, reply.details, reply.retryable);
  }
}
