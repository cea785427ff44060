/**
 * Real: PostgreSQL (a clone of the migrated template, plus two small tables of this file's own) and pg's
 * pipeline mode. Faked: nothing. A unit is one graph step's transaction: whatever it sends without waiting,
 * holds for the COMMIT or reads must commit together or not at all, a failure must surface as itself, and
 * the pooled connection must come back clean for the next step.
 */
import pg from 'pg';
import { createTestDatabase, pollUntil, type TestDatabase } from '@shipyard/shared/testing';
import { named, PgDatabase, type UnitScope } from './pg-database';

const ITEMS = 'unit_spec_items';
const NOTES = 'unit_spec_notes';
const insertItem = `INSERT INTO ${ITEMS} (k, n, tag) VALUES ($1, $2, $3) RETURNING k, n`;

/** What the hooks of one unit saw, in the order they ran. */
interface Trace {
  calls: string[];
}

describe('PgDatabase units (pipelined UnitConnection)', () => {
  let testDb: TestDatabase;
  let observer: pg.Client;
  let db: PgDatabase;
  const hookErrors: unknown[] = [];
  const onHookError = (error: unknown) => void hookErrors.push(error);
  let tags = 0;

  /** A tag per test, so each test reads only its own rows. */
  const newTag = () => `t${(tags += 1)}`;

  /** A database of one connection, named so pg_stat_activity shows its state. */
  function soloDatabase(name: string): PgDatabase {
    const url = new URL(testDb.url);
    url.searchParams.set('application_name', name);
    return new PgDatabase(url.toString(), 1, (error) => hookErrors.push(error));
  }

  /** Committed rows of a tag, as another connection sees them, in insertion order. */
  async function committedKeys(tag: string): Promise<string[]> {
    const rows = await observer.query<{ k: string }>(`SELECT k FROM ${ITEMS} WHERE tag = $1 ORDER BY id`, [
      tag,
    ]);
    return rows.rows.map((r) => r.k);
  }

  /** Registers onSettled and afterCommit hooks (on the unit `on` runs now) that record when they ran. */
  function traced(on: PgDatabase = db): Trace {
    const trace: Trace = { calls: [] };
    const unit = on.currentUnit() ?? fail('not in a unit');
    unit.onSettled((committed) => trace.calls.push(`settled:${committed}`));
    void on.afterCommit(async () => {
      trace.calls.push('afterCommit');
      await Promise.resolve();
    });
    return trace;
  }

  function fail(message: string): never {
    throw new Error(message);
  }

  const scopeOf = (on: PgDatabase): UnitScope => on.currentUnit() ?? fail('not in a unit');

  /** The error a promise rejects with (fails the test if it resolves). */
  async function rejectionOf(
    promise: Promise<unknown>,
  ): Promise<Error & { code?: string; constraint?: string }> {
    try {
      await promise;
    } catch (error) {
      return error as Error & { code?: string };
    }
    throw new Error('expected a rejection');
  }

  /** A unit on `on` that must fail, its hooks traced: the error it failed with and what its hooks saw. */
  async function failedUnit(
    on: PgDatabase,
    fn: () => Promise<void>,
  ): Promise<{ error: Awaited<ReturnType<typeof rejectionOf>>; trace: Trace }> {
    let trace: Trace | undefined;
    const error = await rejectionOf(
      on.unit(async () => {
        trace = traced(on);
        await fn();
      }, onHookError),
    );
    return { error, trace: trace ?? fail('the unit never ran') };
  }

  /** The trace of a unit that rolled back: settled as such, and no after-commit hook ran. */
  const ROLLED_BACK = ['settled:false'];

  /** The state of the one connection of a solo database, as the server sees it. */
  async function serverStateOf(applicationName: string): Promise<string[]> {
    const rows = await observer.query<{ state: string }>(
      `SELECT state FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
      [applicationName],
    );
    return rows.rows.map((r) => r.state);
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    observer = new pg.Client({ connectionString: testDb.url });
    await observer.connect();
    await observer.query(`
      CREATE TABLE ${ITEMS} (
        id serial PRIMARY KEY,
        k text NOT NULL UNIQUE,
        n integer NOT NULL CHECK (n >= 0),
        tag text NOT NULL
      )`);
    await observer.query(`CREATE TABLE ${NOTES} (k text PRIMARY KEY, note text NOT NULL)`);
    db = new PgDatabase(testDb.url, 4, (error) => hookErrors.push(error));
  });

  afterEach(() => {
    expect(hookErrors).toEqual([]);
    hookErrors.length = 0;
  });

  afterAll(async () => {
    await db.end();
    await observer.end();
    await testDb.drop();
  });

  it('commits its sends and queries together, and a read after a send sees the send s write', async () => {
    const tag = newTag();
    let trace: Trace | undefined;
    const result = await db.unit(async () => {
      trace = traced();
      const { answer } = await db.send<{ k: string; n: number }>(db, insertItem, [`${tag}-a`, 1, tag]);
      const seen = await db.query<{ k: string }>(`SELECT k FROM ${ITEMS} WHERE tag = $1 ORDER BY id`, [tag]);
      await db.query(insertItem, [`${tag}-b`, 2, tag]);
      const { answer: third } = await db.send(db, insertItem, [`${tag}-c`, 3, tag]);
      const invisibleOutside = await committedKeys(tag);
      return { answer, third, seen, invisibleOutside };
    }, onHookError);

    expect(result.seen).toEqual([{ k: `${tag}-a` }]);
    expect(result.invisibleOutside).toEqual([]);
    expect(await result.answer).toEqual([{ k: `${tag}-a`, n: 1 }]);
    expect(await result.third).toEqual([{ k: `${tag}-c`, n: 3 }]);
    expect(await committedKeys(tag)).toEqual([`${tag}-a`, `${tag}-b`, `${tag}-c`]);
    expect(trace?.calls).toEqual(['settled:true', 'afterCommit']);
  });

  it('does not wait for a send s answer: the unit carries on while the statement is still running', async () => {
    const tag = newTag();
    await observer.query(insertItem, [`${tag}-locked`, 1, tag]);
    const locker = new pg.Client({ connectionString: testDb.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`SELECT 1 FROM ${ITEMS} WHERE k = $1 FOR UPDATE`, [`${tag}-locked`]);
      const updated = await db.unit(async () => {
        const { answer } = await db.send<{ n: number }>(
          db,
          `UPDATE ${ITEMS} SET n = n + 10 WHERE k = $1 RETURNING n`,
          [`${tag}-locked`],
        );
        // send returned although its UPDATE is blocked behind the locker's row lock (had it waited, the
        // locker would never be released: this test would time out).
        await pollUntil(
          async () =>
            (
              await observer.query(
                `SELECT 1 FROM pg_stat_activity
                  WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE ${ITEMS}%'`,
              )
            ).rowCount === 1,
          { timeoutMs: 5_000, description: 'the sent UPDATE waiting for the row lock' },
        );
        await locker.query('COMMIT');
        // Wrapped: a promise returned bare would be awaited by the unit.
        return { answer };
      }, onHookError);
      expect(await updated.answer).toEqual([{ n: 11 }]);
    } finally {
      await locker.end();
    }
    const row = await observer.query<{ n: number }>(`SELECT n FROM ${ITEMS} WHERE k = $1`, [`${tag}-locked`]);
    expect(row.rows).toEqual([{ n: 11 }]);
  });

  it('fails with a failed send s own error, rolls everything back and leaves the connection clean', async () => {
    const name = 'unit-spec-failing-send';
    const solo = soloDatabase(name);
    const tag = newTag();
    await observer.query(insertItem, [`${tag}-taken`, 1, tag]);
    let laterAnswer: Promise<unknown> | undefined;
    try {
      const { error, trace } = await failedUnit(solo, async () => {
        await solo.send(solo, insertItem, [`${tag}-before`, 1, tag]);
        await solo.send(solo, insertItem, [`${tag}-taken`, 2, tag]); // unique violation
        // First use of a named statement on this connection, in the aborted transaction: its Parse fails.
        laterAnswer = (
          await solo.send(solo, named('unit_spec_insert_after', insertItem), [`${tag}-after`, 3, tag])
        ).answer;
        scopeOf(solo).beforeCommit(async () => {
          await solo.send(solo, insertItem, [`${tag}-held`, 4, tag]);
        });
      });

      expect(error.code).toBe('23505');
      expect(error.constraint).toBe(`${ITEMS}_k_key`);
      expect(error.message).not.toMatch(/current transaction is aborted/);
      await expect(laterAnswer).rejects.toThrow();
      expect(await committedKeys(tag)).toEqual([`${tag}-taken`]);
      expect(trace.calls).toEqual(ROLLED_BACK);
      // The one connection went back to the pool out of any transaction...
      expect(await serverStateOf(name)).toEqual(['idle']);
      expect(solo.pool.idleCount).toBe(1);
      // ...and the next unit on it commits, the named statement included.
      await solo.unit(async () => {
        await solo.send(solo, named('unit_spec_insert_after', insertItem), [`${tag}-next`, 5, tag]);
        await solo.query(insertItem, [`${tag}-next-2`, 6, tag]);
      }, onHookError);
      expect(await committedKeys(tag)).toEqual([`${tag}-taken`, `${tag}-next`, `${tag}-next-2`]);
    } finally {
      await solo.end();
    }
  });

  it('fails with a CHECK violation of its very first send (sent with the BEGIN)', async () => {
    const tag = newTag();
    const settled: boolean[] = [];
    const error = await rejectionOf(
      db.unit(async () => {
        scopeOf(db).onSettled((committed) => settled.push(committed));
        await db.send(db, insertItem, [`${tag}-negative`, -1, tag]);
        await db.send(db, insertItem, [`${tag}-fine`, 1, tag]);
      }, onHookError),
    );
    expect(error.code).toBe('23514');
    expect(error.constraint).toBe(`${ITEMS}_n_check`);
    expect(await committedKeys(tag)).toEqual([]);
    expect(settled).toEqual([false]);
  });

  // A statement behind a failed send only hears "current transaction is aborted" (25P02): the unit reports
  // the send's own error, the cause.
  it('fails with a failed send s own error when an awaited query follows it in the unit', async () => {
    const tag = newTag();
    await observer.query(insertItem, [`${tag}-taken`, 1, tag]);
    const error = await rejectionOf(
      db.unit(async () => {
        await db.send(db, insertItem, [`${tag}-taken`, 2, tag]);
        await db.query(`SELECT k FROM ${ITEMS} WHERE tag = $1`, [tag]);
      }, onHookError),
    );
    expect(error.message).not.toMatch(/current transaction is aborted/);
    expect(error.code).toBe('23505');
    expect(await committedKeys(tag)).toEqual([`${tag}-taken`]);
  });

  it('fails with a failed awaited query s error, rolls back its earlier sends, and the pool goes on', async () => {
    const name = 'unit-spec-failing-query';
    const solo = soloDatabase(name);
    const tag = newTag();
    const settled: boolean[] = [];
    try {
      const error = await rejectionOf(
        solo.unit(async () => {
          scopeOf(solo).onSettled((committed) => settled.push(committed));
          await solo.send(solo, insertItem, [`${tag}-a`, 1, tag]);
          await solo.query(`SELECT 1 / (n - 1) FROM ${ITEMS} WHERE k = $1`, [`${tag}-a`]); // division by zero
          await solo.send(solo, insertItem, [`${tag}-never`, 2, tag]);
        }, onHookError),
      );
      expect(error.code).toBe('22012');
      expect(await committedKeys(tag)).toEqual([]);
      expect(settled).toEqual([false]);
      expect(await serverStateOf(name)).toEqual(['idle']);
      await solo.unit(() => solo.query(insertItem, [`${tag}-next`, 3, tag]), onHookError);
      expect(await committedKeys(tag)).toEqual([`${tag}-next`]);
    } finally {
      await solo.end();
    }
  });

  it('does not report success when fn swallowed the error of a failed query', async () => {
    const tag = newTag();
    const { error, trace } = await failedUnit(db, async () => {
      await db.send(db, insertItem, [`${tag}-a`, 1, tag]);
      await db.query(insertItem, [`${tag}-bad`, -1, tag]).catch(() => undefined);
    });
    expect(error.message).toMatch(/ROLLBACK instead of COMMIT/);
    expect(await committedKeys(tag)).toEqual([]);
    expect(trace.calls).toEqual(ROLLED_BACK);
  });

  it('rolls back every send when fn throws after them', async () => {
    const tag = newTag();
    const { error, trace } = await failedUnit(db, async () => {
      await db.send(db, insertItem, [`${tag}-a`, 1, tag]);
      await db.query(insertItem, [`${tag}-b`, 2, tag]);
      await db.send(db, insertItem, [`${tag}-c`, 3, tag]);
      throw new Error('step crashed');
    });
    expect(error.message).toBe('step crashed');
    expect(await committedKeys(tag)).toEqual([]);
    expect(trace.calls).toEqual(ROLLED_BACK);
  });

  it('makes a transaction opened inside a unit part of the unit s, rolled back with it', async () => {
    const tag = newTag();
    const error = await rejectionOf(
      db.unit(async () => {
        await db.transaction(async (tx) => {
          await db.send(tx, insertItem, [`${tag}-in-tx`, 1, tag]);
        });
        // The inner transaction did not commit on its own: the unit's rollback takes its write too.
        expect(await committedKeys(tag)).toEqual([]);
        throw new Error('step crashed after its transaction');
      }, onHookError),
    );
    expect(error.message).toBe('step crashed after its transaction');
    expect(await committedKeys(tag)).toEqual([]);
  });

  it('commits the sends of beforeCommit hooks, in order, after the unit s own', async () => {
    const tag = newTag();
    const answers: Promise<unknown[]>[] = [];
    const afterCommitSaw: unknown[] = [];
    await db.unit(async () => {
      const unit = scopeOf(db);
      await db.send(db, insertItem, [`${tag}-fn`, 1, tag]);
      unit.beforeCommit(async () => {
        answers.push((await db.send(db, insertItem, [`${tag}-h1`, 2, tag])).answer);
        answers.push((await db.send(db, insertItem, [`${tag}-h2`, 3, tag])).answer);
        // A hook may add a hook (one buffer's flush feeding another): it runs after those already there.
        unit.beforeCommit(async () => {
          answers.push((await db.send(db, insertItem, [`${tag}-h4`, 5, tag])).answer);
        });
      });
      unit.beforeCommit(async () => {
        answers.push((await db.send(db, insertItem, [`${tag}-h3`, 4, tag])).answer);
      });
      // The answers of held sends arrive with the COMMIT's, for an after-commit hook to read.
      await db.afterCommit(async () => {
        afterCommitSaw.push(...(await Promise.all(answers)));
      });
    }, onHookError);

    expect(await committedKeys(tag)).toEqual([
      `${tag}-fn`,
      `${tag}-h1`,
      `${tag}-h2`,
      `${tag}-h3`,
      `${tag}-h4`,
    ]);
    expect(afterCommitSaw).toEqual([
      [{ k: `${tag}-h1`, n: 2 }],
      [{ k: `${tag}-h2`, n: 3 }],
      [{ k: `${tag}-h3`, n: 4 }],
      [{ k: `${tag}-h4`, n: 5 }],
    ]);
  });

  it('fails and rolls back when a held send fails, with that send s error', async () => {
    const tag = newTag();
    let heldAfter: Promise<unknown> | undefined;
    const { error, trace } = await failedUnit(db, async () => {
      await db.send(db, insertItem, [`${tag}-fn`, 1, tag]);
      await db.query(insertItem, [`${tag}-fn-2`, 2, tag]);
      scopeOf(db).beforeCommit(async () => {
        await db.send(db, insertItem, [`${tag}-h1`, 3, tag]);
        await db.send(db, insertItem, [`${tag}-negative`, -1, tag]);
        heldAfter = (await db.send(db, insertItem, [`${tag}-h2`, 4, tag])).answer;
      });
    });
    expect(error.code).toBe('23514');
    await expect(heldAfter).rejects.toThrow();
    expect(await committedKeys(tag)).toEqual([]);
    expect(trace.calls).toEqual(ROLLED_BACK);
  });

  it('rolls back when a beforeCommit hook throws, and the sends it held are never sent', async () => {
    const tag = newTag();
    let held: Promise<unknown> | undefined;
    const error = await rejectionOf(
      db.unit(async () => {
        const unit = scopeOf(db);
        await db.send(db, insertItem, [`${tag}-fn`, 1, tag]);
        unit.beforeCommit(async () => {
          held = (await db.send(db, insertItem, [`${tag}-held`, 2, tag])).answer;
          throw new Error('flush failed');
        });
      }, onHookError),
    );
    expect(error.message).toBe('flush failed');
    await expect(held).rejects.toThrow(/rolled back before this was sent/);
    expect(await committedKeys(tag)).toEqual([]);
  });

  it('sends the held writes before a query of the commit phase, which sees them', async () => {
    const tag = newTag();
    let seen: string[] = [];
    await db.unit(async () => {
      const unit = scopeOf(db);
      await db.send(db, insertItem, [`${tag}-fn`, 1, tag]);
      unit.beforeCommit(async () => {
        await db.send(db, insertItem, [`${tag}-h1`, 2, tag]);
        await db.send(db, insertItem, [`${tag}-h2`, 3, tag]);
        const rows = await db.query<{ k: string }>(`SELECT k FROM ${ITEMS} WHERE tag = $1 ORDER BY id`, [
          tag,
        ]);
        seen = rows.map((r) => r.k);
        // Still the commit phase: this one is held again and commits with the rest.
        await db.send(db, insertItem, [`${tag}-h3`, 4, tag]);
      });
    }, onHookError);
    expect(seen).toEqual([`${tag}-fn`, `${tag}-h1`, `${tag}-h2`]);
    expect(await committedKeys(tag)).toEqual([`${tag}-fn`, `${tag}-h1`, `${tag}-h2`, `${tag}-h3`]);
  });

  it('sends nothing at all for a unit that issues no statement, and still settles and runs its hooks', async () => {
    const solo = soloDatabase('unit-spec-silent');
    try {
      // The pool's one connection, watched: every statement of a unit goes through its `query`.
      const client = await solo.pool.connect();
      client.release();
      const issued: unknown[] = [];
      const original = client.query.bind(client) as (...args: unknown[]) => unknown;
      Object.defineProperty(client, 'query', {
        configurable: true,
        value: (...args: unknown[]) => {
          issued.push(args[0]);
          return original(...args);
        },
      });
      const calls: string[] = [];
      const value = await solo.unit(async () => {
        const unit = scopeOf(solo);
        unit.onSettled((committed) => calls.push(`settled:${committed}`));
        unit.beforeCommit(async () => {
          calls.push('beforeCommit');
          await Promise.resolve();
        });
        expect(unit.local(calls, () => 'mine')).toBe('mine');
        await solo.afterCommit(async () => {
          calls.push('afterCommit');
          await Promise.resolve();
        });
        return 42;
      }, onHookError);
      expect(value).toBe(42);
      expect(issued).toEqual([]);
      expect(calls).toEqual(['beforeCommit', 'settled:true', 'afterCommit']);
      // The watch itself works: a unit that does issue something goes through it.
      await solo.unit(() => solo.query('SELECT 1', []), onHookError);
      expect(issued.length).toBeGreaterThan(0);
      delete (client as unknown as Record<string, unknown>)['query'];
    } finally {
      await solo.end();
    }
  });

  it('runs afterCommit hooks once the commit is visible to other connections; a failing hook is reported', async () => {
    const tag = newTag();
    const seenByHooks: string[][] = [];
    const order: string[] = [];
    const value = await db.unit(async () => {
      await db.send(db, insertItem, [`${tag}-a`, 1, tag]);
      scopeOf(db).beforeCommit(async () => {
        await db.send(db, insertItem, [`${tag}-held`, 2, tag]);
      });
      await db.afterCommit(async () => {
        order.push('first');
        seenByHooks.push(await committedKeys(tag));
        // Outside the unit now: the pool's own connection sees the rows too.
        const viaPool = await db.query<{ k: string }>(`SELECT k FROM ${ITEMS} WHERE tag = $1 ORDER BY id`, [
          tag,
        ]);
        seenByHooks.push(viaPool.map((r) => r.k));
      });
      await db.afterCommit(async () => {
        order.push('failing');
        await Promise.resolve();
        throw new Error('publish failed');
      });
      await db.afterCommit(async () => {
        order.push('last');
        await Promise.resolve();
      });
      return 'done';
    }, onHookError);

    expect(value).toBe('done');
    expect(order).toEqual(['first', 'failing', 'last']);
    expect(seenByHooks).toEqual([
      [`${tag}-a`, `${tag}-held`],
      [`${tag}-a`, `${tag}-held`],
    ]);
    expect(hookErrors).toEqual([new Error('publish failed')]);
    hookErrors.length = 0;
  });

  it('runs a send outside a unit at once on the transaction it is given', async () => {
    const tag = newTag();
    await observer.query(insertItem, [`${tag}-row`, 1, tag]);

    await db.transaction(async (tx) => {
      const { answer } = await db.send<{ n: number }>(
        tx,
        `UPDATE ${ITEMS} SET n = 2 WHERE k = $1 RETURNING n`,
        [`${tag}-row`],
      );
      expect(await answer).toEqual([{ n: 2 }]);
      await db.send(tx, insertItem, [`${tag}-new`, 3, tag]);
      // The transaction sees its own writes; nobody else does, and its client holds the row's lock.
      expect(await tx.query(`SELECT k, n FROM ${ITEMS} WHERE tag = $1 ORDER BY id`, [tag])).toEqual([
        { k: `${tag}-row`, n: 2 },
        { k: `${tag}-new`, n: 3 },
      ]);
      expect((await observer.query(`SELECT n FROM ${ITEMS} WHERE k = $1`, [`${tag}-row`])).rows).toEqual([
        { n: 1 },
      ]);
      expect(await committedKeys(tag)).toEqual([`${tag}-row`]);
      const locked = await rejectionOf(
        observer.query(`SELECT 1 FROM ${ITEMS} WHERE k = $1 FOR UPDATE NOWAIT`, [`${tag}-row`]),
      );
      expect(locked.code).toBe('55P03');
    });
    expect(await committedKeys(tag)).toEqual([`${tag}-row`, `${tag}-new`]);

    // And rolled back with it.
    await expect(
      db.transaction(async (tx) => {
        await db.send(tx, insertItem, [`${tag}-lost`, 4, tag]);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await committedKeys(tag)).toEqual([`${tag}-row`, `${tag}-new`]);

    // On the database itself it is a statement of its own, committed when send resolves.
    const { answer } = await db.send(db, insertItem, [`${tag}-alone`, 5, tag]);
    expect(await committedKeys(tag)).toEqual([`${tag}-row`, `${tag}-new`, `${tag}-alone`]);
    expect(await answer).toEqual([{ k: `${tag}-alone`, n: 5 }]);
  });

  it('keeps every answer with its statement across 50 concurrent units on a pool of 2', async () => {
    const tag = newTag();
    const small = new PgDatabase(testDb.url, 2, (error) => hookErrors.push(error));
    const echo = named('unit_spec_echo', `SELECT $1::int AS v, $2::text AS k`);
    const insert = named('unit_spec_insert', insertItem);
    const failing = (i: number) => i % 10 === 7;
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          small.unit(async () => {
            const k = `${tag}-${i}`;
            const [echoed] = await small.query<{ v: number; k: string }>(echo, [i, k]);
            const { answer } = await small.send<{ k: string; n: number }>(small, insert, [k, i, tag]);
            const [own] = await small.query<{ n: number }>(`SELECT n FROM ${ITEMS} WHERE k = $1`, [k]);
            let note: Promise<unknown[]> | undefined;
            scopeOf(small).beforeCommit(async () => {
              note = (
                await small.send(small, `INSERT INTO ${NOTES} (k, note) VALUES ($1, $2) RETURNING note`, [
                  k,
                  `note ${i}`,
                ])
              ).answer;
              if (failing(i)) await small.send(small, insertItem, [`${k}-negative`, -1, tag]);
            });
            const settled = new Promise<boolean>((resolve) => scopeOf(small).onSettled(resolve));
            return { i, echoed, answer, own, note: () => note, settled };
          }, onHookError),
        ),
      );

      for (const [i, outcome] of outcomes.entries()) {
        if (failing(i)) {
          expect(outcome.status).toBe('rejected');
          expect(outcome.status === 'rejected' && (outcome.reason as { code?: string }).code).toBe('23514');
          continue;
        }
        if (outcome.status !== 'fulfilled') throw outcome.reason;
        const unit = outcome.value;
        expect(unit.echoed).toEqual({ v: i, k: `${tag}-${i}` });
        expect(await unit.answer).toEqual([{ k: `${tag}-${i}`, n: i }]);
        expect(unit.own).toEqual({ n: i });
        expect(await unit.note()).toEqual([{ note: `note ${i}` }]);
        expect(await unit.settled).toBe(true);
      }

      const committed = Array.from({ length: 50 }, (_, i) => i).filter((i) => !failing(i));
      const items = await observer.query<{ k: string; n: number }>(
        `SELECT k, n FROM ${ITEMS} WHERE tag = $1 ORDER BY n`,
        [tag],
      );
      expect(items.rows).toEqual(committed.map((i) => ({ k: `${tag}-${i}`, n: i })));
      const notes = await observer.query<{ k: string; note: string }>(
        `SELECT n.k, n.note FROM ${NOTES} n JOIN ${ITEMS} i USING (k) WHERE i.tag = $1 ORDER BY i.n`,
        [tag],
      );
      expect(notes.rows).toEqual(committed.map((i) => ({ k: `${tag}-${i}`, note: `note ${i}` })));
      const orphanNotes = await observer.query(
        `SELECT 1 FROM ${NOTES} n WHERE n.k LIKE $1 AND NOT EXISTS (SELECT 1 FROM ${ITEMS} i WHERE i.k = n.k)`,
        [`${tag}-%`],
      );
      expect(orphanNotes.rowCount).toBe(0);
      expect(small.pool.totalCount).toBeLessThanOrEqual(2);
    } finally {
      await small.end();
    }
  });
});
