import pg from 'pg';
import type { SqlExecutor } from '@shipyard/shared/run-events';

/** A client inside a transaction; also what `appendRunEvent` takes. */
export interface TxClient extends SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params: unknown[]): Promise<Row[]>;
}

/**
 * The orchestrator's one connection pool (the checkpointer shares it). Every write of a run step goes
 * through `transaction`, so a crash leaves either all of a step's rows or none.
 */
export class PgDatabase {
  readonly pool: pg.Pool;

  constructor(url: string, poolSize: number, onError: (error: Error) => void) {
    this.pool = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle client that loses its server emits here; without a listener the process would crash.
    this.pool.on('error', onError);
  }

  async query<Row = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row[]> {
    const result = await this.pool.query(sql, params);
    return result.rows as Row[];
  }

  async transaction<T>(fn: (tx: TxClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: TxClient = {
      query: async <Row>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as Row[],
    };
    try {
      await client.query('BEGIN');
      const value = await fn(tx);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async end(): Promise<void> {
    await this.pool.end();
  }
}
