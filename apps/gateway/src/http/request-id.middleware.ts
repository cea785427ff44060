import type { Logger } from 'pino';
import { REQUEST_ID_HEADER } from '@shipyard/contracts';
import { runWithContext } from '@shipyard/shared/observability';
import { requestPath, type GatewayRequest, type GatewayResponse, type NextFunction } from './gateway-request';
import { resolveRequestId } from './request-id';

/**
 * The first middleware of every request, so that even a body-parser failure, a 404 of an unknown route or
 * the docs page carry `x-request-id`. It also writes the one access-log line per request when the response
 * is done. The Authorization header is never logged: only method, path, status and timing.
 */
export function requestIdMiddleware(logger: Logger) {
  return (req: GatewayRequest, res: GatewayResponse, next: NextFunction): void => {
    const requestId = resolveRequestId(req.headers[REQUEST_ID_HEADER]);
    const started = process.hrtime.bigint();
    req.requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    let logged = false;
    const log = (): void => {
      if (logged) return;
      logged = true;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        requestId,
        // Set by the key guard once it has verified the key; the key itself never appears.
        ...(req.tenantId ? { tenantId: req.tenantId } : {}),
        method: req.method,
        path: requestPath(req),
        status: res.statusCode,
        durationMs: Math.round(durationMs * 100) / 100,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (res.statusCode >= 500) logger.warn(line, 'request');
      else logger.info(line, 'request');
    };
    res.on('finish', log);
    res.on('close', log);
    runWithContext({ requestId }, next);
  };
}

/**
 * Body parsing resumes on the socket's events, outside the context the first middleware opened, so the
 * context is entered again once the body is in. Everything after (guard, handler, NATS client) sees it.
 */
export function requestContextMiddleware() {
  return (req: GatewayRequest, _res: GatewayResponse, next: NextFunction): void => {
    runWithContext(req.requestId ? { requestId: req.requestId } : {}, next);
  };
}
