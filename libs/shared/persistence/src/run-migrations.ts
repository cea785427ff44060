import { createDataSource } from './create-data-source';

/**
 * Applies every pending migration, each in its own transaction, and returns the names applied (empty when
 * the schema was current). Concurrent runners are serialised by an advisory lock so none applies one twice.
 */
// Two connections: one holds the advisory lock for the session while the other runs the migrations.
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource({ url, poolSize: 2, applicationName: 'shipyard-migrate' });
  await dataSource.initialize();
  try {
    const lock = dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await lock.release();
    }
  } finally {
    await dataSource.destroy();
  }
}

/** Arbitrary but fixed: every migrator of this platform takes the same lock. */
const MIGRATION_LOCK_KEY = 7_204_113_001;
