import { DomainError } from '@shipyard/contracts';

/** What the consumer loop does with a handler's error. */
export interface ClassifiedFailure {
  retryable: boolean;
  /** The handler's own wait before the next delivery (RetryLaterError), instead of the backoff policy's. */
  retryAfterMs?: number;
  code?: string;
  message: string;
  details?: unknown;
}

const MAX_MESSAGE = 2000;

/**
 * Thrown by a handler that knows when a retry can succeed (say, once another process's lease runs out):
 * the message comes back after `delayMs` rather than after the consumer's backoff. It still uses up one
 * delivery attempt.
 */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';

  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

/**
 * A DomainError says itself whether it is retryable (VALIDATION_FAILED is not, SERVICE_UNAVAILABLE is).
 * Anything else (a TypeError, a socket reset) is treated as retryable: a bug then costs a few bounded
 * retries before it is dead-lettered, whereas treating a transient fault as permanent would fail a task
 * that a retry would have finished.
 */
export function classifyHandlerFailure(error: unknown): ClassifiedFailure {
  if (error instanceof RetryLaterError) {
    return {
      retryable: true,
      retryAfterMs: Math.max(0, Math.round(error.delayMs)),
      message: truncate(error.message),
    };
  }
  if (error instanceof DomainError) {
    return {
      retryable: error.retryable,
      code: error.code,
      message: truncate(error.message),
      ...(error.details === undefined ? {} : { details: error.details }),
    };
  }
  if (error instanceof Error)
    return { retryable: true, message: truncate(`${error.name}: ${error.message}`) };
  return { retryable: true, message: truncate(`non-error thrown: ${safeString(error)}`) };
}

/** The part of a failure a dead letter records (no `retryable`: a dead letter is final). */
export function failureDetails(failure: ClassifiedFailure): {
  code?: string;
  message: string;
  details?: unknown;
} {
  return {
    ...(failure.code ? { code: failure.code } : {}),
    message: failure.message,
    ...(failure.details === undefined ? {} : { details: failure.details }),
  };
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}...` : text;
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}
