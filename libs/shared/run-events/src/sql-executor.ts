/**
 * The one thing these functions need from a database connection: run a parameterised query and get rows.
 * A `pg` client, a TypeORM `EntityManager` or `QueryRunner` inside a transaction all fit (adapt `query`).
 */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params: unknown[]): Promise<Row[]>;
}
