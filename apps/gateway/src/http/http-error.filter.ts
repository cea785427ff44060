import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { requestPath, type GatewayRequest, type GatewayResponse } from './gateway-request';
import { resolveRequestId } from './request-id';
import { toHttpError } from './to-http-error';

/**
 * The only place the gateway writes an error response: controllers, guards, pipes, the body parser and the
 * unknown-route handler all end here, so every error has the same body. Stacks go to the log only.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<GatewayRequest>();
    const res = http.getResponse<GatewayResponse>();
    const requestId = req.requestId ?? resolveRequestId(undefined);
    const error = toHttpError(exception, {
      requestId,
      path: requestPath(req),
      method: req.method ?? 'GET',
      now: this.clock(),
    });
    if (error.unexpected)
      this.logger.error({ err: exception, requestId }, 'unhandled error while serving a request');
    if (res.headersSent) {
      // Too late to change the status; cut the response so the client sees it failed rather than hangs.
      res.destroy();
      return;
    }
    res.statusCode = error.status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    if (error.status === 401) res.setHeader('www-authenticate', 'Bearer');
    if (error.status === 503) res.setHeader('retry-after', '1');
    const retryAfter = (error.body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (error.status === 429 && typeof retryAfter === 'number')
      res.setHeader('retry-after', String(retryAfter));
    res.end(JSON.stringify(error.body));
  }
}
