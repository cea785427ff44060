import type { EntityManager } from 'typeorm';
import type { SqlExecutor } from '@shipyard/shared/run-events';

/**
 * A TypeORM EntityManager (a transaction's, or the DataSource's own) as the SqlExecutor the run-event
 * functions take. TypeORM answers UPDATE/DELETE ... RETURNING on PostgreSQL with `[rows, affectedCount]`
 * and SELECT or INSERT with the rows; this hands back the rows either way.
 */
export function typeormExecutor(manager: EntityManager): SqlExecutor {
  return {
    async query<Row>(sql: string, params: unknown[]): Promise<Row[]> {
      const result = (await manager.query(sql, params)) as unknown;
      if (
        Array.isArray(result) &&
        result.length === 2 &&
        Array.isArray(result[0]) &&
        typeof result[1] === 'number'
      )
        return result[0] as Row[];
      return result as Row[];
    },
  };
}
