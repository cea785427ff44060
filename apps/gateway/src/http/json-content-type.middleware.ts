import { DomainError } from '@shipyard/contracts';
import type { GatewayRequest, GatewayResponse, NextFunction } from './gateway-request';

/**
 * The API speaks JSON only. A body in another type (a form, plain text) would otherwise be skipped by the
 * JSON parser and reach the handler as "no body", which hides the client's mistake; here it is a clear 400.
 */
export function jsonContentTypeMiddleware() {
  return (req: GatewayRequest, _res: GatewayResponse, next: NextFunction): void => {
    if (!hasBody(req)) return next();
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return next();
    next(
      new DomainError('VALIDATION_FAILED', 'Request body must be JSON', [
        { path: '', messages: ['Content-Type must be application/json'] },
      ]),
    );
  };
}

function hasBody(req: GatewayRequest): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}
