/**
 * Every error the platform reports, by stable code. Services throw these (as DomainError); the gateway maps
 * each to an HTTP status in one exhaustive switch. Adding a code without mapping it fails the typecheck.
 */
export const ErrorCodes = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'TEMPLATE_NOT_FOUND',
  'TEMPLATE_VERSION_NOT_FOUND',
  'PROJECT_NOT_FOUND',
  'RUN_NOT_FOUND',
  'TASK_NOT_FOUND',
  'COMMENT_NOT_FOUND',
  'REPLY_NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'INVALID_STATE_TRANSITION',
  'PROJECT_NOT_READY',
  'CONFIG_INCOMPLETE',
  'RUN_ALREADY_ACTIVE',
  'PROJECT_HAS_ACTIVE_RUN',
  'DEPENDENCY_CYCLE',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];
