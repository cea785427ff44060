import { DataSource, type EntitySchema } from 'typeorm';
import { migrations } from './migrations';

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool; from DATABASE_POOL_SIZE. */
  poolSize?: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM takes entity classes as plain constructors
  entities?: (Function | EntitySchema)[];
  /** Name shown in pg_stat_activity, so a DBA can tell which service holds a connection. */
  applicationName?: string;
}

/** Table that records which migrations have run; one name for every tool that reads it. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * A PostgreSQL DataSource for DATABASE_URL. Never `synchronize`: the schema changes only through the
 * versioned migrations listed here, applied by `npm run migrate`. The caller initializes and destroys it.
 */
export function createDataSource({
  url,
  poolSize = 10,
  entities = [],
  applicationName,
}: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize,
    applicationName,
    extra: { max: poolSize },
  });
}
