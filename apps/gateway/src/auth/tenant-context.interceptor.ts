import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { runWithContext } from '@shipyard/shared/observability';
import type { GatewayRequest } from '../http/gateway-request';

/** Adds the authenticated tenant to the logging context for the handler and the calls it makes. */
export class TenantContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { tenantId, requestId } = context.switchToHttp().getRequest<GatewayRequest>();
    return new Observable((subscriber) =>
      runWithContext({ requestId, tenantId }, () => next.handle().subscribe(subscriber)),
    );
  }
}
