/**
 * Names of the databases the test tier creates. Kept free of imports: Jest loads the global setup through
 * its CommonJS hook, where our path aliases do not resolve.
 */
export const TEST_DB_PREFIX = 'shipyard_test_';

/** Environment variable through which the global setup tells test workers the migrated template's name. */
export const TEMPLATE_DB_ENV = 'SHIPYARD_TEST_TEMPLATE_DB';

/** Leftovers younger than this may belong to a test run that is still going on another shell. */
export const LEFTOVER_MIN_AGE_MS = 2 * 60 * 60 * 1000;

/** `shipyard_test_<kind>_<epoch ms>_<random>`: the time lets a later run tell a crashed run's leftovers. */
export function testDatabaseName(kind: 'tpl' | 'db'): string {
  return `${TEST_DB_PREFIX}${kind}_${Date.now()}_${Math.random().toString(36).slice(2, 10)}`;
}

/** When a test database was created, from its name; undefined for names that are not ours. */
export function createdAtOf(name: string): number | undefined {
  const match = new RegExp(`^${TEST_DB_PREFIX}(?:tpl|db)_(\\d+)_[a-z0-9]+$`).exec(name);
  return match?.[1] ? Number(match[1]) : undefined;
}

/** The server tests use: DATABASE_URL (any database on it), else the local default. */
export function testServerUrl(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}
