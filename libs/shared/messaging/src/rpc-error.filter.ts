import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { DomainError, type ErrorReply } from '@shipyard/contracts';
import type { Logger } from 'pino';

/**
 * The last word on every error a NATS handler throws: a DomainError travels as its ErrorReply; anything
 * else is logged with its stack here and travels as a generic INTERNAL, so no internals leave the service.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => this.toReply(exception));
  }

  private toReply(exception: unknown): ErrorReply {
    if (exception instanceof DomainError) return exception.toReply();
    this.logger.error({ err: exception }, 'unhandled error in message handler');
    return { code: 'INTERNAL', message: 'Internal error', retryable: true };
  }
}
