import { DomainError } from '@shipyard/contracts';
import type { GatewayRequest, GatewayResponse, NextFunction } from '../http/gateway-request';

/** What the docs page loads (see @nestjs/swagger's HTML template), and their source maps for devtools. */
const PAGE_ASSETS = [
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'swagger-ui-init.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
];
const ALLOWED = new Set([
  '',
  '/',
  '/index.html',
  ...PAGE_ASSETS.flatMap((asset) => [`/${asset}`, `/${asset}.map`]),
]);

/**
 * Swagger UI is served from the whole swagger-ui-dist folder, which also holds its package.json and a
 * demo initializer that points browsers at the public Petstore. Only the page and what it loads are ours
 * to serve; every other path under the docs is an unknown route.
 */
export function docsAssetsMiddleware(docsPath: string) {
  return (req: GatewayRequest, _res: GatewayResponse, next: NextFunction): void => {
    const path = (req.originalUrl ?? req.url ?? '').split('?')[0] ?? '';
    if (path !== docsPath && !path.startsWith(`${docsPath}/`)) return next();
    const rest = path.slice(docsPath.length);
    if (ALLOWED.has(rest)) return next();
    next(new DomainError('ROUTE_NOT_FOUND', `No route for ${req.method ?? 'GET'} ${path}`));
  };
}
