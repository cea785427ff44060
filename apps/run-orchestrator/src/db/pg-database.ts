import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { SqlExecutor } from '@shipyard/shared/run-events';

/** A client inside a transaction; also what `appendRunEvent` takes. */
export interface TxClient extends SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params: unknown[]): Promise<Row[]>;
}

/** One graph step's transaction, shared by every adapter and the checkpointer while the step runs. */
interface Unit {
  client: pg.PoolClient;
  tx: TxClient;
  afterCommit: (() => Promise<void>)[];
  /** Runs whose row this unit has locked, and whether they were still active then (see lockLiveRun). */
  liveRuns: Map<string, boolean>;
}

const TX_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK)\s*;?\s*$/i;

/**
 * The orchestrator's one connection pool. `unit(fn)` runs a whole graph step in ONE transaction: every
 * adapter's write (outbox row, ledger, tasks, events, report) and the checkpointer's rows (through
 * `checkpointerPool`) commit together or not at all, so a crash can never leave a checkpoint without the
 * rows of its step or the reverse, and the step costs one BEGIN/COMMIT instead of one per write (measured:
 * ten transactions per step before, at ~1.7 ms each). Messages for the outside world (job publishes) wait
 * in `afterCommit` until the rows they announce are durable.
 */
export class PgDatabase {
  readonly pool: pg.Pool;
  private readonly units = new AsyncLocalStorage<Unit>();

  constructor(url: string, poolSize: number, onError: (error: Error) => void) {
    this.pool = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle client that loses its server emits here; without a listener the process would crash.
    this.pool.on('error', onError);
  }

  /** Reads and writes inside a unit see the unit's own uncommitted rows. */
  async query<Row = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row[]> {
    const unit = this.units.getStore();
    if (unit) return unit.tx.query<Row>(sql, params);
    const result = await this.pool.query(sql, params);
    return result.rows as Row[];
  }

  /** A transaction of its own, or (inside a unit) a part of the unit's. */
  async transaction<T>(fn: (tx: TxClient) => Promise<T>): Promise<T> {
    const unit = this.units.getStore();
    if (unit) return fn(unit.tx);
    const client = await this.pool.connect();
    const tx = txOf(client);
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

  /** Runs `fn` as one transaction that everything called inside it joins; hooks run after the commit. */
  async unit<T>(fn: () => Promise<T>, onHookError: (error: unknown) => void): Promise<T> {
    if (this.units.getStore()) return fn();
    const client = await this.pool.connect();
    const unit: Unit = { client, tx: txOf(client), afterCommit: [], liveRuns: new Map() };
    let value: T;
    try {
      await client.query('BEGIN');
      value = await this.units.run(unit, fn);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    for (const hook of unit.afterCommit) await hook().catch(onHookError);
    return value;
  }

  /** Runs `hook` once the current unit committed (at once outside a unit). */
  async afterCommit(hook: () => Promise<void>): Promise<void> {
    const unit = this.units.getStore();
    if (unit) unit.afterCommit.push(hook);
    else await hook();
  }

  /** What the current unit knows about a run's row lock (undefined: not locked by this unit yet). */
  liveRunCache(): Map<string, boolean> | undefined {
    return this.units.getStore()?.liveRuns;
  }

  /**
   * The pool handed to PostgresSaver: inside a unit its `connect()` and `query()` use the unit's client and
   * its own BEGIN/COMMIT become no-ops (the unit commits); outside a unit it is the plain pool.
   */
  checkpointerPool(): pg.Pool {
    const units = this.units;
    const pool = this.pool;
    const unitClient = (unit: Unit) =>
      ({
        query: (sql: string | { text: string }, params?: unknown[]) =>
          typeof sql === 'string' && TX_CONTROL.test(sql)
            ? Promise.resolve({ rows: [], rowCount: 0 })
            : unit.client.query(sql as string, params),
        release: () => undefined,
      }) as unknown as pg.PoolClient;
    return new Proxy(pool, {
      get(target, property, receiver) {
        if (property === 'connect')
          return () => {
            const unit = units.getStore();
            return unit ? Promise.resolve(unitClient(unit)) : target.connect();
          };
        if (property === 'query')
          return (sql: string, params?: unknown[]) => {
            const unit = units.getStore();
            return unit ? unit.client.query(sql, params) : target.query(sql, params);
          };
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
  }

  async end(): Promise<void> {
    await this.pool.end();
  }
}

function txOf(client: pg.PoolClient): TxClient {
  return {
    query: async <Row>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as Row[],
  };
}
