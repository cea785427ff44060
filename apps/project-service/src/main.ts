import 'reflect-metadata';
import { projectEntities } from '@shipyard/projects/data-access';
import { parseConfig } from '@shipyard/shared/config';
import { bootstrapService } from '@shipyard/shared/messaging';
import { createLogger } from '@shipyard/shared/observability';
import { assertSchemaCurrent, createDataSource } from '@shipyard/shared/persistence';
import { ProjectServiceConfig } from './config.schema';
import { createProjectServiceModule } from './project-service.module';

/** Config first, then the schema check, then NATS: a service on a stale schema must not take requests. */
async function main(): Promise<void> {
  const config = parseConfig(ProjectServiceConfig);
  const logger = createLogger({ service: 'project-service', level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    entities: projectEntities,
    applicationName: 'project-service',
  });
  await dataSource.initialize();
  try {
    await assertSchemaCurrent(dataSource);
  } catch (error) {
    await dataSource.destroy();
    logger.fatal({ err: error }, (error as Error).message);
    throw error;
  }
  await bootstrapService({ service: 'project-service', module: createProjectServiceModule(dataSource), config });
}

main().catch((error: unknown) => {
  process.stderr.write(`project-service failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
