import type { ChatUsage } from './chat-model.port';

/**
 * Why a model call failed. Retryable: RATE_LIMITED, TIMEOUT, CONNECTION, SERVER_ERROR, EMPTY_RESPONSE.
 * Not retryable: the request or the account is wrong and will stay wrong, or (ALLOWANCE_EXHAUSTED) the job
 * has spent what it was allowed: only a new job with a larger allowance can go on.
 */
export const LlmErrorCodes = [
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'TIMEOUT',
  'CONNECTION',
  'SERVER_ERROR',
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONTENT_FILTERED',
  'REFUSED',
  'EMPTY_RESPONSE',
  'INVALID_OUTPUT',
  'ABORTED',
  'SCRIPTED_FAILURE',
  'ALLOWANCE_EXHAUSTED',
  'UNKNOWN',
] as const;
export type LlmErrorCode = (typeof LlmErrorCodes)[number];

export interface LlmErrorOptions {
  retryable: boolean;
  /** HTTP status from the endpoint, when there was a response. */
  status?: number;
  /** The endpoint's request id, for support tickets; never a credential. */
  requestId?: string;
  /** Tokens already spent before the failure (e.g. both calls of a structured-output retry). */
  usage?: ChatUsage[];
  details?: Record<string, unknown>;
}

/**
 * A failed model call. The message never contains the API key (messages from the endpoint are scrubbed
 * before they get here), so it is safe to log and to put in an `AgentFailure`.
 */
export class LlmError extends Error {
  override readonly name = 'LlmError';
  readonly retryable: boolean;
  readonly status?: number;
  readonly requestId?: string;
  readonly usage: ChatUsage[];
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: LlmErrorCode,
    message: string,
    options: LlmErrorOptions,
  ) {
    super(message);
    this.retryable = options.retryable;
    this.usage = options.usage ?? [];
    if (options.status !== undefined) this.status = options.status;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.details !== undefined) this.details = options.details;
  }

  /** The shape of `AgentFailure` in the contracts, so an agent can report the failure as is. */
  toFailure(): { message: string; retryable: boolean } {
    return { message: `${this.code}: ${this.message}`.slice(0, 5000), retryable: this.retryable };
  }
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}
