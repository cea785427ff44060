import type { ErrorCode } from './error-code';

/** One invalid field: `path` is dotted (`config.budget.maxTokens`), `messages` say what is wrong with it. */
export interface FieldError {
  path: string;
  messages: string[];
}

/** How an error travels between services over NATS. Never carries a stack trace. */
export interface ErrorReply {
  code: ErrorCode;
  message: string;
  details?: FieldError[] | Record<string, unknown>;
  /** True when the same request may succeed later (a dependency was down), false when it never will. */
  retryable: boolean;
}

/** The body of every HTTP error the gateway answers. */
export interface HttpErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: FieldError[] | Record<string, unknown>;
  requestId: string;
  timestamp: string;
  path: string;
}

export function isErrorReply(value: unknown): value is ErrorReply {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
