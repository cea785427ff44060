import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { LlmError, type LlmErrorCode } from '../llm.errors';
import { scrubSecrets } from './scrub-secrets';

/**
 * Classifies what the `openai` client threw. Retryable: 408, 409, 429 (except an exhausted quota), 5xx,
 * timeouts and connection failures: the client has already retried these OPENAI_MAX_RETRIES times, so the
 * caller (the job queue) retries later. Everything else is a request or account problem that stays.
 * Only status, codes and the scrubbed message are kept; the original error is not attached, because it
 * carries the request and response objects that no log should see.
 */
export function mapOpenAIError(error: unknown, apiKey: string | undefined): LlmError {
  const clean = (text: string): string => scrubSecrets(text, apiKey);
  if (error instanceof LlmError) return error;
  // Order matters: the timeout and abort classes extend APIConnectionError / APIError.
  if (error instanceof APIUserAbortError) {
    return new LlmError('ABORTED', 'The model call was aborted by the caller', { retryable: false });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new LlmError('TIMEOUT', `The model endpoint did not answer in time: ${clean(error.message)}`, {
      retryable: true,
    });
  }
  if (error instanceof APIConnectionError) {
    return new LlmError('CONNECTION', `Could not reach the model endpoint: ${clean(error.message)}`, {
      retryable: true,
    });
  }
  if (error instanceof APIError) {
    const status = typeof error.status === 'number' ? error.status : undefined;
    const { code, retryable } = classifyStatus(status, error.code ?? undefined);
    return new LlmError(code, clean(error.message), {
      retryable,
      ...(status !== undefined ? { status } : {}),
      ...(error.requestID ? { requestId: error.requestID } : {}),
      details: { type: error.type ?? null, code: error.code ?? null, param: error.param ?? null },
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LlmError('UNKNOWN', `Model call failed: ${clean(message)}`, { retryable: false });
}

function classifyStatus(
  status: number | undefined,
  apiCode: string | undefined,
): { code: LlmErrorCode; retryable: boolean } {
  if (status === undefined) return { code: 'UNKNOWN', retryable: false };
  if (status === 429) {
    // OpenAI answers 429 both for "slow down" and for "no credit left"; only the first passes by waiting.
    return apiCode === 'insufficient_quota'
      ? { code: 'QUOTA_EXCEEDED', retryable: false }
      : { code: 'RATE_LIMITED', retryable: true };
  }
  if (status === 408) return { code: 'TIMEOUT', retryable: true };
  if (status === 409) return { code: 'SERVER_ERROR', retryable: true };
  if (status >= 500) return { code: 'SERVER_ERROR', retryable: true };
  if (status === 401) return { code: 'UNAUTHORIZED', retryable: false };
  if (status === 403) return { code: 'FORBIDDEN', retryable: false };
  if (status === 404) return { code: 'NOT_FOUND', retryable: false };
  return { code: 'BAD_REQUEST', retryable: false };
}
