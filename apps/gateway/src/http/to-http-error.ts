import { HttpException } from '@nestjs/common';
import {
  DomainError,
  ErrorCodes,
  type ErrorCode,
  type FieldError,
  type HttpErrorBody,
} from '@shipyard/contracts';
import { isClientError, statusForCode } from './error-status';

export interface HttpErrorContext {
  requestId: string;
  path: string;
  method: string;
  now: Date;
}

export interface HttpError {
  status: number;
  body: HttpErrorBody;
  /** True when nothing about the error is known to be safe: the caller logs it with its stack. */
  unexpected: boolean;
}

interface Described {
  code: ErrorCode;
  message: string;
  details?: FieldError[] | Record<string, unknown>;
  unexpected?: boolean;
}

const GENERIC_MESSAGES: Partial<Record<ErrorCode, string>> = {
  INTERNAL: 'Internal server error',
  SERVICE_UNAVAILABLE: 'A backing service is unavailable; try again later',
};

/**
 * Turns anything thrown while serving a request into the one error body of the API. Status comes only from
 * the code (statusForCode). Server faults keep their stack out of the body: INTERNAL always gets a generic
 * message, and no 5xx answer carries details (they may name internal subjects or hosts).
 */
export function toHttpError(exception: unknown, context: HttpErrorContext): HttpError {
  const described = describe(exception, context);
  const clientError = isClientError(described.code);
  const message =
    described.code === 'INTERNAL'
      ? (GENERIC_MESSAGES.INTERNAL as string)
      : described.message || GENERIC_MESSAGES[described.code] || described.code;
  const status = statusForCode(described.code);
  return {
    status,
    unexpected: described.unexpected ?? false,
    body: {
      statusCode: status,
      code: described.code,
      message,
      ...(clientError && described.details !== undefined ? { details: described.details } : {}),
      requestId: context.requestId,
      timestamp: context.now.toISOString(),
      path: context.path,
    },
  };
}

function describe(exception: unknown, context: HttpErrorContext): Described {
  if (exception instanceof DomainError) {
    // Codes arrive over NATS as plain strings; one this gateway does not know (a newer service, a bug) has
    // no status here, so it is reported as an internal fault rather than guessed at.
    if (!(ErrorCodes as readonly string[]).includes(exception.code))
      return { code: 'INTERNAL', message: '', unexpected: true };
    return { code: exception.code, message: exception.message, details: exception.details };
  }
  if (exception instanceof HttpException) return describeHttpException(exception, context);
  return { code: 'INTERNAL', message: '', unexpected: true };
}

/** The body-parser failures Express reports, by their `type`; Nest wraps them as the HttpException's cause. */
function bodyParserType(exception: HttpException): string | undefined {
  const cause = exception.cause as { type?: unknown } | undefined;
  return typeof cause?.type === 'string' ? cause.type : undefined;
}

function describeHttpException(exception: HttpException, context: HttpErrorContext): Described {
  const status = exception.getStatus();
  const parserType = bodyParserType(exception);
  switch (parserType) {
    case 'entity.parse.failed':
      return {
        code: 'VALIDATION_FAILED',
        message: 'Request body is not valid JSON',
        details: [{ path: '', messages: ['must be valid JSON'] }],
      };
    case 'entity.too.large':
      return { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return {
        code: 'VALIDATION_FAILED',
        message: 'Request body encoding is not supported',
        details: [{ path: '', messages: ['must be UTF-8 JSON without content encoding'] }],
      };
    case undefined:
    default:
      break;
  }
  if (status === 404 || status === 405) {
    return { code: 'ROUTE_NOT_FOUND', message: `No route for ${context.method} ${context.path}` };
  }
  // There is no FORBIDDEN code: the API has no roles, so a refusal can only mean "not authenticated".
  if (status === 401 || status === 403)
    return { code: 'UNAUTHENTICATED', message: 'Authentication required' };
  if (status === 409) return { code: 'CONFLICT', message: 'Conflict' };
  if (status === 413) return { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' };
  if (status === 503 || status === 504) return { code: 'SERVICE_UNAVAILABLE', message: '' };
  if (status >= 400 && status < 500) {
    // Other 4xx from the framework (a bad URI encoding, a wrong content type): the client's input is at fault.
    return { code: 'VALIDATION_FAILED', message: 'Request is invalid' };
  }
  return { code: 'INTERNAL', message: '', unexpected: true };
}
