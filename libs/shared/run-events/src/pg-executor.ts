import type { SqlExecutor } from './sql-executor';

/** Anything with pg's `query(text, values)` answering `{ rows }`: a `pg.Pool`, a `pg.Client`, a pool client. */
export interface PgQueryable {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Adapts a `pg` pool or client to the SqlExecutor these functions take. */
export function pgExecutor(pg: PgQueryable): SqlExecutor {
  return {
    async query<Row>(sql: string, params: unknown[]): Promise<Row[]> {
      const result = await pg.query(sql, params);
      return result.rows as Row[];
    },
  };
}
