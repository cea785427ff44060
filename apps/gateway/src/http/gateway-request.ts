import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The parts of Express's request the gateway relies on, typed on Node's own message (we do not depend on
 * Express's types). `requestId` is set by the first middleware, `tenantId` only by the API key guard.
 */
export interface GatewayRequest extends IncomingMessage {
  requestId?: string;
  tenantId?: string;
  originalUrl?: string;
  body?: unknown;
  /** The client's address as Express derives it (the peer, or X-Forwarded-For within TRUST_PROXY_HOPS). */
  ip?: string;
  /** Express parses the query string lazily when this is read. */
  query?: unknown;
}

export type NextFunction = (error?: unknown) => void;
export type GatewayResponse = ServerResponse;

/** The path without its query string: what we log and put in error bodies (queries may carry filters). */
export function requestPath(req: GatewayRequest): string {
  const url = req.originalUrl ?? req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
