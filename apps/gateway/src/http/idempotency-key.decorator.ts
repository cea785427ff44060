import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { DomainError, IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '@shipyard/contracts';
import type { GatewayRequest } from './gateway-request';

/**
 * The request's `Idempotency-Key` header, checked here so a malformed key is a 400 like any bad input.
 * Undefined when the client sent none: the create is then not deduplicated.
 */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<GatewayRequest>().headers[IDEMPOTENCY_KEY_HEADER];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
      throw new DomainError('VALIDATION_FAILED', 'Request is invalid', [
        { path: 'Idempotency-Key', messages: ['must be 1 to 200 characters of letters, digits, . _ : -'] },
      ]);
    }
    return value;
  },
);

/** Documents the header on a create. */
export function ApiIdempotencyKey(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Your token for this create (1-200 of A-Z a-z 0-9 . _ : -). Retrying with the same key and body returns ' +
        'the first answer instead of creating again; the same key with a different body answers 409. Kept 24 h.',
    }),
  );
}
