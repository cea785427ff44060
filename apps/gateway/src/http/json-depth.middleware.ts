import { DomainError } from '@shipyard/contracts';
import type { GatewayRequest, GatewayResponse, NextFunction } from './gateway-request';
import { exceedsDepth } from './json-depth';

/** The deepest real body (a template config) nests 4 levels; this leaves room and still bounds recursion. */
export const MAX_JSON_DEPTH = 32;

/** Runs right after the JSON parser: a hostile, absurdly nested body is the client's error (400), not ours. */
export function jsonDepthMiddleware(max = MAX_JSON_DEPTH) {
  return (req: GatewayRequest, _res: GatewayResponse, next: NextFunction): void => {
    if (req.body === undefined || !exceedsDepth(req.body, max)) return next();
    next(
      new DomainError('VALIDATION_FAILED', 'Request body is nested too deeply', [
        { path: '', messages: [`must not nest objects or arrays more than ${max} levels deep`] },
      ]),
    );
  };
}
