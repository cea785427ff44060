import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { NestPinoLogger } from '@shipyard/shared/observability';
import type { GatewayConfig } from './config.schema';
import { GatewayModule } from './gateway.module';
import { HttpErrorFilter } from './http/http-error.filter';
import { jsonContentTypeMiddleware } from './http/json-content-type.middleware';
import { jsonDepthMiddleware } from './http/json-depth.middleware';
import { noNulMiddleware } from './http/no-nul.middleware';
import { requestContextMiddleware, requestIdMiddleware } from './http/request-id.middleware';
import { setupOpenApi } from './openapi/setup-openapi';

/**
 * Builds the gateway app, not yet listening; main.ts and the integration spec share it so the spec tests
 * exactly what runs. Middleware order matters: the request id comes first so every response has it (even a
 * body-parser failure or a 404); content type, size, nesting depth and NUL characters are checked before any
 * handler runs, so hostile bodies end as a 400/413 at the edge and never reach a service.
 */
export async function createGateway(config: GatewayConfig, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.register(config, logger), {
    logger: new NestPinoLogger(logger),
    // Our own parser below: JSON only, with the configured limit, after the request id middleware.
    bodyParser: false,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // The client address the auth failure limit counts by (req.ip): the peer, or X-Forwarded-For's hops we trust.
  if (config.TRUST_PROXY_HOPS > 0) app.set('trust proxy', config.TRUST_PROXY_HOPS);
  app.use(requestIdMiddleware(logger));
  app.use(jsonContentTypeMiddleware());
  app.useBodyParser('json', {
    limit: config.BODY_LIMIT_BYTES,
    type: ['application/json', 'application/*+json'],
  });
  app.use(jsonDepthMiddleware());
  app.use(noNulMiddleware());
  app.use(requestContextMiddleware());
  // Global filters also cover the router's unknown-route handler and errors from the middleware above.
  app.useGlobalFilters(new HttpErrorFilter(logger));
  setupOpenApi(app);
  return app;
}
