import pg from 'pg';
import { quoteIdent, withDatabase } from '@shipyard/shared/persistence';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * An empty database of the caller's own on the test server (DATABASE_URL's server, else the local
 * default), named like the shared test databases so the leftover sweeper also clears a crashed run's.
 * Empty rather than cloned from the migrated template: the checkpointer brings its own tables.
 */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const server = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `shipyard_test_db_${Date.now()}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin(server, (admin) => admin.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return {
    url: withDatabase(server, name),
    drop: async () => {
      await withAdmin(server, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
      );
    },
  };
}

async function withAdmin<T>(server: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
