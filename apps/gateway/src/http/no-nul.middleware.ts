import { DomainError } from '@shipyard/contracts';
import { containsNul } from './contains-nul';
import type { GatewayRequest, GatewayResponse, NextFunction } from './gateway-request';

/** Refuses U+0000 in the JSON body and the query string (filters reach SQL too) with a 400 naming where. */
export function noNulMiddleware() {
  return (req: GatewayRequest, _res: GatewayResponse, next: NextFunction): void => {
    const where = [
      ...(req.body !== undefined && containsNul(req.body) ? ['body'] : []),
      ...(containsNul(req.query) ? ['query'] : []),
    ];
    if (where.length === 0) return next();
    next(
      new DomainError(
        'VALIDATION_FAILED',
        'Request contains a NUL character',
        where.map((path) => ({ path, messages: ['text must not contain the NUL character (U+0000)'] })),
      ),
    );
  };
}
