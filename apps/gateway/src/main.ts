import 'reflect-metadata';
import { ConfigError, parseConfig } from '@shipyard/shared/config';
import { createLogger, startTelemetry, stopTelemetry } from '@shipyard/shared/observability';
import { GatewayConfig } from './config.schema';

/** A second signal, or a close that hangs on a stuck connection, must still end the process. */
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = parseConfig(GatewayConfig);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`gateway: ${error.message}\n`);
    process.exit(1);
  }
  // Telemetry starts before Nest is even loaded, so its instrumentations see those modules load.
  startTelemetry('gateway', config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const { createGateway } = await import('./create-gateway');

  const app = await createGateway(config, logger);
  await app.listen(config.GATEWAY_PORT, '0.0.0.0');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.GATEWAY_PORT;
  logger.info({ port }, 'gateway ready');

  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    logger.info({ signal }, 'gateway stopping');
    setTimeout(() => {
      logger.error('gateway did not stop in time; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    app
      .close()
      .then(() => stopTelemetry())
      .then(
        () => {
          logger.info('gateway stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'gateway stopped with an error');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
