import type { ErrorCode } from '@shipyard/contracts';

/**
 * The one place an error code becomes an HTTP status. The switch has no default: a code added to the
 * contracts without a status here fails the typecheck at `never`, instead of silently answering 500.
 */
export function statusForCode(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'TEMPLATE_NOT_FOUND':
    case 'TEMPLATE_VERSION_NOT_FOUND':
    case 'PROJECT_NOT_FOUND':
    case 'RUN_NOT_FOUND':
    case 'TASK_NOT_FOUND':
    case 'COMMENT_NOT_FOUND':
    case 'REPLY_NOT_FOUND':
    case 'ROUTE_NOT_FOUND':
      return 404;
    // All of these are "the request is well formed but the resource's current state forbids it".
    case 'INVALID_STATE_TRANSITION':
    case 'PROJECT_NOT_READY':
    case 'CONFIG_INCOMPLETE':
    case 'RUN_ALREADY_ACTIVE':
    case 'PROJECT_HAS_ACTIVE_RUN':
    case 'DEPENDENCY_CYCLE':
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
      return 429;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
    default: {
      const never: never = code;
      throw new Error(`No HTTP status for error code ${String(never)}`);
    }
  }
}

/** Codes whose text and details are ours to show; for server faults the client gets no internals. */
export function isClientError(code: ErrorCode): boolean {
  return statusForCode(code) < 500;
}
