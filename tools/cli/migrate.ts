/**
 * `npm run migrate`: creates the database DATABASE_URL names if it is missing, applies pending migrations,
 * and says what it applied. Safe to run any number of times, and from several shells at once.
 */
import 'reflect-metadata';
import { parseConfig } from '@shipyard/shared/config';
import {
  DatabaseCliConfig,
  ensureDatabaseExists,
  redactedDatabaseUrl,
  runMigrations,
} from '@shipyard/shared/persistence';

async function main(): Promise<void> {
  const url = parseConfig(DatabaseCliConfig).DATABASE_URL;
  const target = redactedDatabaseUrl(url);
  if (await ensureDatabaseExists(url)) console.log(`created database ${target}`);
  const applied = await runMigrations(url);
  if (applied.length === 0) console.log(`schema of ${target} is current; nothing to apply`);
  for (const name of applied) console.log(`applied ${name}`);
  if (applied.length > 0) console.log(`applied ${applied.length} migration(s) to ${target}`);
}

main().catch((error: unknown) => {
  console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
