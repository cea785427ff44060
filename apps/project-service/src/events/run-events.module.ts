import { Module, type DynamicModule } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { createLogger } from '@shipyard/shared/observability';
import type { ProjectServiceConfig } from '../config.schema';
import { typeormExecutor } from '../runs/typeorm-sql.executor';
import { RunEventRelayProvider } from './run-event-relay.provider';
import { RunEventRepository } from './run-event.repository';
import { RunEventsHandler } from './run-events.handler';

/**
 * Run events: `run.v1.list-events` (replay from PostgreSQL) and the relay that copies committed events to
 * Redis streams for the gateways. Built around the service's DataSource like the rest of project-service.
 */
@Module({})
export class RunEventsModule {
  static register(dataSource: DataSource, config: ProjectServiceConfig, nats: NatsConnection): DynamicModule {
    const db = typeormExecutor(dataSource.manager);
    // The LISTEN connection goes to the database the service's pool uses, whatever the config says.
    const databaseUrl = (dataSource.options as { url?: string }).url ?? config.DATABASE_URL;
    const logger = createLogger({
      service: 'project-service',
      level: config.LOG_LEVEL,
      format: config.LOG_FORMAT,
    });
    return {
      module: RunEventsModule,
      controllers: [RunEventsHandler],
      providers: [
        { provide: RunEventRepository, useValue: new RunEventRepository(db) },
        {
          provide: RunEventRelayProvider,
          useValue: new RunEventRelayProvider(db, databaseUrl, config, logger, nats),
        },
      ],
    };
  }
}
