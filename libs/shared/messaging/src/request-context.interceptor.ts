import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { REQUEST_ID_HEADER } from '@shipyard/contracts';
import { runWithContext } from '@shipyard/shared/observability';

/** Puts the caller's request id (from the NATS header) into the context every log line reads. */
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Services also answer HTTP health probes; only NATS messages carry our headers.
    if (context.getType() !== 'rpc') return next.handle();
    const nats = context.switchToRpc().getContext<NatsContext | undefined>();
    const headers = nats?.getHeaders?.() as { get(key: string): string } | undefined;
    const requestId = headers?.get(REQUEST_ID_HEADER) || undefined;
    const payload = context.switchToRpc().getData<{ tenantId?: unknown } | undefined>();
    const tenantId = typeof payload?.tenantId === 'string' ? payload.tenantId : undefined;
    return new Observable((subscriber) =>
      runWithContext({ requestId, tenantId }, () => next.handle().subscribe(subscriber)),
    );
  }
}
