import { Module, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ServiceName } from '@shipyard/contracts';
import type { BaseServiceConfig } from '@shipyard/shared/config';
import { createLogger, NestPinoLogger, redactUrl } from '@shipyard/shared/observability';
import { createHealthController } from './health.controller';
import { PrefixedServerNats } from './prefixed-server-nats';
import { RequestContextInterceptor } from './request-context.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';

export interface ServiceBootstrapOptions {
  service: ServiceName;
  module: Type<unknown>;
  config: BaseServiceConfig;
}

/**
 * Starts a NATS-facing service: its handlers subscribe under the configured prefix in a queue group named
 * after the service (replicas share the load), errors leave as ErrorReply, and SIGTERM/SIGINT drain and
 * close it. With HEALTH_PORT set it also serves /health/live and /health/ready for probes.
 */
export async function bootstrapService({
  service,
  module,
  config,
}: ServiceBootstrapOptions): Promise<INestApplication> {
  const logger = createLogger({ service, level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const HealthController = createHealthController(service);

  @Module({ imports: [module], controllers: [HealthController] })
  class ServiceRootModule {}

  const app = await NestFactory.create(ServiceRootModule, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  // Set before connectMicroservice: inheritAppConfig copies what the app has at that moment.
  app.useGlobalFilters(new RpcErrorFilter(logger));
  app.useGlobalInterceptors(new RequestContextInterceptor());
  app.connectMicroservice(
    {
      strategy: new PrefixedServerNats(
        { servers: config.NATS_URL, queue: service, name: service, gracefulShutdown: true, gracePeriod: 500 },
        config.NATS_SUBJECT_PREFIX,
      ),
    },
    { inheritAppConfig: true },
  );
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  if (config.HEALTH_PORT > 0) await app.listen(config.HEALTH_PORT, '0.0.0.0');
  else await app.init();
  logger.info(
    { nats: redactUrl(config.NATS_URL), healthPort: config.HEALTH_PORT || null },
    `${service} ready`,
  );
  return app;
}
