// Relative imports on purpose: Jest loads this file through its CommonJS hook, which ignores path aliases.
/* eslint-disable @nx/enforce-module-boundaries -- the alias cannot resolve here (see above) */
import pg from 'pg';
import { quoteIdent, withDatabase } from '../../persistence/src/database-url';
import { TEMPLATE_DB_ENV, testServerUrl } from './test-database-names';

/** Drops this run's template. Clones are dropped by the files that made them, or by a later run's setup. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env[TEMPLATE_DB_ENV];
  if (!name) return;
  const admin = new pg.Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
