// First import: decorators of the contracts read design-time metadata while their modules load.
import 'reflect-metadata';
import { parseConfig } from '@shipyard/shared/config';
import { createLogger, startTelemetry } from '@shipyard/shared/observability';
import { ProjectServiceConfig } from './config.schema';
import { startProjectService } from './start-project-service';

/** Config first, then the schema check, then NATS: a service on a stale schema must not take requests. */
async function main(): Promise<void> {
  const config = parseConfig(ProjectServiceConfig);
  startTelemetry('project-service', config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const logger = createLogger({
    service: 'project-service',
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
  });
  try {
    await startProjectService(config);
  } catch (error) {
    logger.fatal({ err: error }, `project-service failed to start: ${(error as Error).message}`);
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `project-service failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
