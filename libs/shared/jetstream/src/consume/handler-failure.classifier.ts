import { DomainError } from '@shipyard/contracts';

/** What the consumer loop does with a handler's error. */
export interface ClassifiedFailure {
  retryable: boolean;
  code?: string;
  message: string;
  details?: unknown;
}

const MAX_MESSAGE = 2000;

/**
 * A DomainError says itself whether it is retryable (VALIDATION_FAILED is not, SERVICE_UNAVAILABLE is).
 * Anything else (a TypeError, a socket reset) is treated as retryable: a bug then costs a few bounded
 * retries before it is dead-lettered, whereas treating a transient fault as permanent would fail a task
 * that a retry would have finished.
 */
export function classifyHandlerFailure(error: unknown): ClassifiedFailure {
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
