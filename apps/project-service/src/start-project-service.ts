import type { INestApplication } from '@nestjs/common';
import { connect } from '@nats-io/transport-node';
import { projectEntities } from '@shipyard/projects/data-access';
import { bootstrapService } from '@shipyard/shared/messaging';
import { assertSchemaCurrent, createDataSource } from '@shipyard/shared/persistence';
import type { ProjectServiceConfig } from './config.schema';
import { createProjectServiceModule } from './project-service.module';

/**
 * Connects to the database, refuses to go on when the schema is behind (SchemaBehindError names the
 * pending migrations), then starts answering on NATS. main.ts and the int-specs start the service here,
 * so tests exercise the same path as production.
 */
export async function startProjectService(config: ProjectServiceConfig): Promise<INestApplication> {
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
    throw error;
  }
  // A plain connection for fire-and-forget notifications (run control and status changes); closed with
  // the module.
  const nats = await connect({ servers: config.NATS_URL, name: 'project-service-notify' }).catch(
    async (error) => {
      await dataSource.destroy();
      throw error;
    },
  );
  try {
    return await bootstrapService({
      service: 'project-service',
      module: createProjectServiceModule(dataSource, config, nats),
      config,
    });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await nats.close();
    throw error;
  }
}
