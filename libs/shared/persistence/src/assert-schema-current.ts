import type { DataSource } from 'typeorm';
import { MIGRATIONS_TABLE } from './create-data-source';
import { migrations } from './migrations';

/** The database has not had every migration this code expects. */
export class SchemaBehindError extends Error {
  override readonly name = 'SchemaBehindError';
  constructor(readonly pending: string[]) {
    super(
      `database schema is behind: ${pending.length} pending migration(s): ${pending.join(', ')}; run \`npm run migrate\``,
    );
  }
}

/**
 * The migrations this code knows that the database has not applied, oldest first. Read-only on purpose
 * (TypeORM's own check creates its bookkeeping table): a service checking a wrong database must not write to it.
 */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const known = migrations.map((Migration) => new Migration().name);
  const [table] = await dataSource.query<{ present: boolean }[]>(
    `SELECT to_regclass($1) IS NOT NULL AS present`,
    [MIGRATIONS_TABLE],
  );
  if (!table?.present) return known;
  const rows = await dataSource.query<{ name: string }[]>(`SELECT name FROM ${MIGRATIONS_TABLE}`);
  const applied = new Set(rows.map((row) => row.name));
  return known.filter((name) => !applied.has(name));
}

/**
 * Makes a service refuse to start on a schema that is behind its code, instead of failing later on the
 * first query that touches a missing column. Services never migrate by themselves: that is `npm run migrate`.
 */
export async function assertSchemaCurrent(dataSource: DataSource): Promise<void> {
  const pending = await pendingMigrations(dataSource);
  if (pending.length > 0) throw new SchemaBehindError(pending);
}
