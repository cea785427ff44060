import pg from 'pg';
import { quoteIdent, withDatabase } from '@shipyard/shared/persistence';
import { TEMPLATE_DB_ENV, testDatabaseName, testServerUrl } from './test-database-names';

export interface TestDatabase {
  /** DATABASE_URL of the clone. */
  url: string;
  name: string;
  /** Drops the clone, closing whatever connections are still open on it. */
  drop(): Promise<void>;
}

/**
 * A fresh, fully migrated database of its own for one test file: a clone of the template the global setup
 * migrated (CREATE DATABASE ... TEMPLATE, milliseconds). Call `drop()` in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_DB_ENV];
  if (!template) {
    throw new Error(
      `${TEMPLATE_DB_ENV} is not set: run tests through jest.config.js (its globalSetup migrates it)`,
    );
  }
  const server = testServerUrl();
  const name = testDatabaseName('db');
  await withAdmin(server, async (admin) => {
    // Postgres refuses a clone while another session touches the template; such a session is brief.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
      }
    }
  });
  return {
    url: withDatabase(server, name),
    name,
    drop: async () => {
      await withAdmin(server, async (admin) => {
        await untilConnectionsClosed(admin, name);
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      });
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

/** How long a drop waits for connections that are closing to be gone before it forces the rest. */
const CLOSING_GRACE_MS = 2000;

/**
 * pg's `Pool.end()` resolves once its clients were asked to end, not once their sockets closed. Forcing the
 * drop in that moment terminates those backends, and the FATAL reaches a client still listening: an
 * "unhandled error" in a spec that did close its pool. So the drop first gives closing connections a moment;
 * a connection a spec leaked is still terminated by FORCE after it.
 */
async function untilConnectionsClosed(admin: pg.Client, database: string): Promise<void> {
  const deadline = Date.now() + CLOSING_GRACE_MS;
  while (Date.now() < deadline) {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`,
      [database],
    );
    if ((rows[0]?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
