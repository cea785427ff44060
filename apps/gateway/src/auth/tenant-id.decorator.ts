import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '@shipyard/contracts';
import type { GatewayRequest } from '../http/gateway-request';

/**
 * The caller's tenant, as the API key guard established it: the only source of a tenant id for a request
 * (never the body or query). Fails closed if a route was somehow reached without the guard.
 */
export const TenantId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const tenantId = context.switchToHttp().getRequest<GatewayRequest>().tenantId;
  if (!tenantId) throw new DomainError('UNAUTHENTICATED', 'A valid API key is required');
  return tenantId;
});
