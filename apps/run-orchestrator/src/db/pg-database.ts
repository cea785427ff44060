import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { SqlExecutor } from '@shipyard/shared/run-events';
import { configOf, UnitConnection, type NamedSql } from './unit-connection';

export type { NamedSql } from './unit-connection';

/**
 * A statement a connection prepares once and then only binds: for the few that every step runs, whose parse
 * and plan were a third of their server time (measured: 0.1-0.25 ms parse plus 0.1-0.5 ms bind each).
 */
export const named = (name: string, text: string): NamedSql => ({ name, text });

/** A client inside a transaction; also what `appendRunEvent` takes. */
export interface TxClient extends SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string | NamedSql, params: unknown[]): Promise<Row[]>;
}

/**
 * What a writer may attach to the unit it runs in: work to do just before the COMMIT (a buffer's one
 * statement), a callback once the unit's fate is known, and state of its own that lives as long as the unit.
 */
export interface UnitScope {
  beforeCommit(hook: () => Promise<void>): void;
  /** `committed` false: rolled back, or the COMMIT failed and its outcome is unknown. */
  onSettled(hook: (committed: boolean) => void): void;
  /** The value `owner` keeps for this unit, made by `create` on first use. */
  local<T>(owner: object, create: () => T): T;
}

/** One graph step's transaction, shared by every adapter and the checkpointer while the step runs. */
interface Unit {
  connection: UnitConnection;
  tx: TxClient;
  afterCommit: (() => Promise<void>)[];
  beforeCommit: (() => Promise<void>)[];
  settled: ((committed: boolean) => void)[];
  /** What `currentUnit()` hands out: made once per unit, not per call (writers ask for it on every write). */
  scope: UnitScope;
}

const TX_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK)\s*;?\s*$/i;

/**
 * The orchestrator's one connection pool. `unit(fn)` runs a whole graph step in ONE transaction: every
 * adapter's write (outbox row, ledger, tasks, events, report) and the checkpointer's rows (through
 * `checkpointerPool`) commit together or not at all, so a crash can never leave a checkpoint without the
 * rows of its step or the reverse, and the step costs one BEGIN/COMMIT instead of one per write (measured:
 * ten transactions per step before, at ~1.7 ms each). Messages for the outside world (job publishes) wait
 * in `afterCommit` until the rows they announce are durable.
 *
 * The connections pipeline (pg's `pipeline` mode): a statement is written to the server while earlier ones
 * are still running, and a unit uses that to pay fewer round trips (see UnitConnection): writes whose answer
 * the step does not need (`send`) go out and the step carries on, and the COMMIT follows the last of them in
 * the same write. Measured on a step: 12 statements at ~0.5 ms each, waited for one after the other, was half
 * of its time.
 */
export class PgDatabase {
  readonly pool: pg.Pool;
  private readonly units = new AsyncLocalStorage<Unit>();

  constructor(url: string, poolSize: number, onError: (error: Error) => void) {
    this.pool = new pg.Pool({ connectionString: url, max: poolSize, pipeline: true });
    // An idle client that loses its server emits here; without a listener the process would crash.
    this.pool.on('error', onError);
  }

  /** Reads and writes inside a unit see the unit's own uncommitted rows. */
  async query<Row = Record<string, unknown>>(sql: string | NamedSql, params: unknown[] = []): Promise<Row[]> {
    const unit = this.units.getStore();
    if (unit) return unit.tx.query<Row>(sql, params);
    const result = await this.pool.query(configOf(sql, params));
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
    const connection = new UnitConnection(client);
    const locals = new Map<object, unknown>();
    const unit: Unit = {
      connection,
      tx: { query: (sql, params) => connection.query(sql, params) },
      afterCommit: [],
      beforeCommit: [],
      settled: [],
      scope: {
        beforeCommit: (hook) => unit.beforeCommit.push(hook),
        onSettled: (hook) => unit.settled.push(hook),
        local: <T>(owner: object, create: () => T): T => {
          if (!locals.has(owner)) locals.set(owner, create());
          return locals.get(owner) as T;
        },
      },
    };
    let value: T;
    try {
      value = await this.units.run(unit, async () => {
        const result = await fn();
        connection.beginCommitPhase();
        // Indexed: a hook may add another (one buffer's flush may feed another buffer).
        for (let i = 0; i < unit.beforeCommit.length; i += 1) await unit.beforeCommit[i]?.();
        return result;
      });
      await connection.commit();
    } catch (error) {
      const cause = await connection.rollback(error);
      for (const hook of unit.settled) hook(false);
      throw cause;
    } finally {
      client.release();
    }
    for (const hook of unit.settled) hook(true);
    for (const hook of unit.afterCommit) await hook().catch(onHookError);
    return value;
  }

  /**
   * A write whose answer the caller does not need before going on. Inside a unit it is sent without waiting
   * (see UnitConnection) and checked at the COMMIT, which fails if it failed; `answer` resolves with its
   * rows when they arrive, for an after-commit hook to read. Outside a unit it runs on `via` (the caller's
   * own transaction, or this database) before this resolves.
   */
  async send<Row = Record<string, unknown>>(
    via: TxClient,
    sql: string | NamedSql,
    params: unknown[],
  ): Promise<{ answer: Promise<Row[]> }> {
    const unit = this.units.getStore();
    if (!unit) return { answer: Promise.resolve(await via.query<Row>(sql, params)) };
    return { answer: unit.connection.send<Row>(sql, params) };
  }

  /** The unit the caller runs in, for writers that buffer until its commit; undefined outside a unit. */
  currentUnit(): UnitScope | undefined {
    return this.units.getStore()?.scope;
  }

  /** Runs `hook` once the current unit committed (at once outside a unit). */
  async afterCommit(hook: () => Promise<void>): Promise<void> {
    const unit = this.units.getStore();
    if (unit) unit.afterCommit.push(hook);
    else await hook();
  }

  /**
   * The pool handed to PostgresSaver: inside a unit its `connect()` and `query()` use the unit's client and
   * its own BEGIN/COMMIT become no-ops (the unit commits); outside a unit it is the plain pool.
   */
  checkpointerPool(): pg.Pool {
    const units = this.units;
    const pool = this.pool;
    // The stock saver reads only `rows` of a result.
    const inUnit = async (unit: Unit, sql: string, params?: unknown[]) => ({
      rows: await unit.connection.query(sql, params ?? []),
    });
    const unitClient = (unit: Unit) =>
      ({
        query: (sql: string, params?: unknown[]) =>
          TX_CONTROL.test(sql) ? Promise.resolve({ rows: [], rowCount: 0 }) : inUnit(unit, sql, params),
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
            return unit ? inUnit(unit, sql, params) : target.query(sql, params);
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
    query: async <Row>(sql: string | NamedSql, params: unknown[]) =>
      (await client.query(configOf(sql, params))).rows as Row[],
  };
}
