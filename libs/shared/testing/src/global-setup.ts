// Relative imports on purpose: Jest loads this file through its CommonJS hook, which ignores path aliases.
/* eslint-disable @nx/enforce-module-boundaries -- the alias cannot resolve here (see above) */
import pg from 'pg';
import { quoteIdent, redactedDatabaseUrl, withDatabase } from '../../persistence/src/database-url';
import { runMigrations } from '../../persistence/src/run-migrations';
import {
  createdAtOf,
  LEFTOVER_MIN_AGE_MS,
  TEMPLATE_DB_ENV,
  TEST_DB_PREFIX,
  testDatabaseName,
  testServerUrl,
} from './test-database-names';
import { deleteStaleTestStreams } from './stale-test-streams';

/**
 * Once per `npm test`: migrate one template database that every test file clones in milliseconds
 * (`createTestDatabase`), and clear databases and JetStream streams that crashed earlier runs left behind.
 * Workers learn the template's name through an environment variable, which they inherit because they start
 * after this runs.
 */
export default async function globalSetup(): Promise<void> {
  const server = testServerUrl();
  const admin = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
  await admin.connect().catch((error: unknown) => {
    // The one failure every newcomer meets first: say what is missing instead of a bare ECONNREFUSED.
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(
      `tests need PostgreSQL at ${redactedDatabaseUrl(server)} (DATABASE_URL), which refused: ${reason}`,
    );
  });
  try {
    await dropLeftovers(admin);
    await deleteStaleTestStreams(process.env.NATS_URL ?? 'nats://127.0.0.1:4222', LEFTOVER_MIN_AGE_MS);
    const name = testDatabaseName('tpl');
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    process.env[TEMPLATE_DB_ENV] = name;
    await runMigrations(withDatabase(server, name));
  } finally {
    await admin.end();
  }
}

/**
 * Only old ones, and without FORCE: a colleague's test run may be going on in another shell right now,
 * and its databases are young or in use (DROP then fails and we leave it alone).
 */
async function dropLeftovers(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1`,
    [`${TEST_DB_PREFIX}%`],
  );
  const cutoff = Date.now() - LEFTOVER_MIN_AGE_MS;
  for (const { datname } of rows) {
    const createdAt = createdAtOf(datname);
    if (createdAt === undefined || createdAt > cutoff) continue;
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)}`).catch(() => undefined);
  }
}
