import { MigrationExecutor, type DataSource } from 'typeorm';

/** The database has not had every migration this code expects. */
export class SchemaBehindError extends Error {
  override readonly name = 'SchemaBehindError';
  constructor(readonly pending: string[]) {
    super(
      `database schema is behind: ${pending.length} pending migration(s): ${pending.join(', ')}; run \`npm run migrate\``,
    );
  }
}

/** The migrations this code knows that the database has not applied, oldest first. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  return pending.map((migration) => migration.name);
}

/**
 * Makes a service refuse to start on a schema that is behind its code, instead of failing later on the
 * first query that touches a missing column. Services never migrate by themselves: that is `npm run migrate`.
 */
export async function assertSchemaCurrent(dataSource: DataSource): Promise<void> {
  const pending = await pendingMigrations(dataSource);
  if (pending.length > 0) throw new SchemaBehindError(pending);
}
