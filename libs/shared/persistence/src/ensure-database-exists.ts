import pg from 'pg';
import { databaseName, quoteIdent, withDatabase } from './database-url';

/**
 * Creates the database DATABASE_URL names when it is missing, through the server's `postgres` database.
 * Returns whether it created it. Safe to run concurrently: a racing creator's duplicate error counts as "exists".
 */
export async function ensureDatabaseExists(url: string): Promise<boolean> {
  const name = databaseName(url);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return true;
    } catch (error) {
      // 42P04 duplicate_database; 23505 when two creators race on the catalog's unique index.
      const code = (error as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw error;
    }
  } finally {
    await admin.end();
  }
}
