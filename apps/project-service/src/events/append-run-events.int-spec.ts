/**
 * Real: PostgreSQL (a clone of the migrated template), its NOTIFY trigger included. Faked: nothing.
 * The batch append must number a run's events exactly as one `appendRunEvent` per event in order would:
 * a reconnecting client resumes by seq, so a gap or a duplicate number loses or repeats an event.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { RunEventData } from '@shipyard/contracts';
import { connectClients, createTestDatabase, pollUntil, type TestDatabase } from '@shipyard/shared/testing';
import {
  appendRunEvent,
  appendRunEvents,
  appendRunEventsStatement,
  pgExecutor,
  readRunEvents,
  RUN_EVENTS_CHANNEL,
  type BatchedRunEvent,
  type SqlExecutor,
} from '@shipyard/shared/run-events';

const status = (reason: string): RunEventData => ({ type: 'run.status', status: 'RUNNING', reason });
const event = (eventKey: string, data: RunEventData = status(eventKey)): BatchedRunEvent => ({
  eventKey,
  data,
});

describe('appendRunEvents', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let sql: SqlExecutor;
  let tenantId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    sql = pgExecutor(client);
    tenantId = (await client.query<{ id: string }>(`INSERT INTO tenants (name) VALUES ('t') RETURNING id`))
      .rows[0]!.id;
  });

  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  /** A fresh run (of a project of its own: one active run per project) so each test reads only its log. */
  async function makeRun(): Promise<string> {
    const projectId = (
      await client.query<{ id: string }>(
        `INSERT INTO projects (tenant_id, name, status) VALUES ($1, 'p', 'RUNNING') RETURNING id`,
        [tenantId],
      )
    ).rows[0]!.id;
    return (
      await client.query<{ id: string }>(
        `INSERT INTO project_runs (tenant_id, project_id, config_snapshot) VALUES ($1, $2, '{}') RETURNING id`,
        [tenantId, projectId],
      )
    ).rows[0]!.id;
  }

  /** The run's log as (seq, key, data), plus the counter the next number comes from. */
  async function logOf(runId: string) {
    const rows = (
      await client.query<{ seq: string; event_key: string; type: string; data: RunEventData }>(
        `SELECT seq, event_key, type, data FROM run_events WHERE run_id = $1 ORDER BY seq`,
        [runId],
      )
    ).rows;
    const counter = (
      await client.query<{ event_seq: string }>(`SELECT event_seq FROM project_runs WHERE id = $1`, [runId])
    ).rows[0]!.event_seq;
    return {
      events: rows.map((r) => ({ seq: Number(r.seq), key: r.event_key, type: r.type, data: r.data })),
      eventSeq: Number(counter),
    };
  }

  const seqsOf = async (runId: string) => (await logOf(runId)).events.map((e) => [e.seq, e.key]);

  it('numbers a batch consecutively after the events already in the log', async () => {
    const runId = await makeRun();
    await appendRunEvent(sql, { tenantId, runId, eventKey: 'a', data: status('a') });
    await appendRunEvent(sql, { tenantId, runId, eventKey: 'b', data: status('b') });

    const stored = await appendRunEvents(sql, { tenantId, runId }, [event('c'), event('d'), event('e')]);

    expect(stored).toBe(3);
    const log = await logOf(runId);
    expect(log.events.map((e) => [e.seq, e.key])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
      [5, 'e'],
    ]);
    expect(log.eventSeq).toBe(5);
    // And the reader every client resumes from sees the same thing.
    expect((await readRunEvents(sql, runId, 2)).map((e) => [e.seq, e.data])).toEqual([
      [3, status('c')],
      [4, status('d')],
      [5, status('e')],
    ]);
  });

  it('skips keys already in the log without using a number, and leaves their rows as they were', async () => {
    const runId = await makeRun();
    await appendRunEvents(sql, { tenantId, runId }, [
      event('a', status('first a')),
      event('b', status('first b')),
    ]);

    const stored = await appendRunEvents(sql, { tenantId, runId }, [
      event('a', status('a again')),
      event('x'),
      event('b', status('b again')),
      event('y'),
    ]);

    expect(stored).toBe(2);
    const log = await logOf(runId);
    expect(log.events.map((e) => [e.seq, e.key, e.data])).toEqual([
      [1, 'a', status('first a')],
      [2, 'b', status('first b')],
      [3, 'x', status('x')],
      [4, 'y', status('y')],
    ]);
    expect(log.eventSeq).toBe(4);
  });

  it('keeps the FIRST occurrence of a key repeated inside the batch, numbered where it first appears', async () => {
    const runId = await makeRun();

    const stored = await appendRunEvents(sql, { tenantId, runId }, [
      event('z', status('z first')),
      event('k', status('k first')),
      event('z', status('z second')),
      event('m'),
      event('k', status('k second')),
    ]);

    expect(stored).toBe(3);
    const log = await logOf(runId);
    expect(log.events.map((e) => [e.seq, e.key, e.data])).toEqual([
      [1, 'z', status('z first')],
      [2, 'k', status('k first')],
      [3, 'm', status('m')],
    ]);
    expect(log.eventSeq).toBe(3);
  });

  it('stores nothing and returns 0 when every key of the batch is already in the log', async () => {
    const runId = await makeRun();
    await appendRunEvents(sql, { tenantId, runId }, [event('a'), event('b')]);

    expect(await appendRunEvents(sql, { tenantId, runId }, [event('b'), event('a'), event('b')])).toBe(0);

    const log = await logOf(runId);
    expect(log.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(log.eventSeq).toBe(2);
  });

  it('returns 0 for an empty batch and writes nothing', async () => {
    const runId = await makeRun();
    await appendRunEvent(sql, { tenantId, runId, eventKey: 'a', data: status('a') });

    expect(await appendRunEvents(sql, { tenantId, runId }, [])).toBe(0);

    const log = await logOf(runId);
    expect(log.events.map((e) => e.seq)).toEqual([1]);
    expect(log.eventSeq).toBe(1);
  });

  it('refuses a batch for a run that is not there, or not the tenant s, and writes nothing', async () => {
    const runId = await makeRun();
    await appendRunEvent(sql, { tenantId, runId, eventKey: 'a', data: status('a') });
    const otherTenant = (
      await client.query<{ id: string }>(`INSERT INTO tenants (name) VALUES ('other') RETURNING id`)
    ).rows[0]!.id;
    const total = async () => (await client.query(`SELECT 1 FROM run_events`)).rowCount;
    const before = await total();

    await expect(
      appendRunEvents(sql, { tenantId, runId: randomUUID() }, [event('x'), event('y')]),
    ).rejects.toThrow(/not found/);
    await expect(
      appendRunEvents(sql, { tenantId: otherTenant, runId }, [event('x'), event('y')]),
    ).rejects.toThrow(/not found/);
    // Even when every key is already there (nothing would be numbered), the wrong tenant is an error.
    await expect(appendRunEvents(sql, { tenantId: otherTenant, runId }, [event('a')])).rejects.toThrow(
      /not found/,
    );

    const log = await logOf(runId);
    expect(log.events.map((e) => [e.seq, e.key])).toEqual([[1, 'a']]);
    expect(log.eventSeq).toBe(1);
    expect(await total()).toBe(before);
  });

  it('leaves no gap when batches and single appends alternate', async () => {
    const runId = await makeRun();
    const single = (key: string) =>
      appendRunEvent(sql, { tenantId, runId, eventKey: key, data: status(key) });

    expect((await single('s1'))?.seq).toBe(1);
    expect(await appendRunEvents(sql, { tenantId, runId }, [event('b1'), event('b2')])).toBe(2);
    expect((await single('s2'))?.seq).toBe(4);
    expect(await single('b1')).toBeNull();
    expect(await appendRunEvents(sql, { tenantId, runId }, [event('s2'), event('b3'), event('s1')])).toBe(1);
    expect((await single('s3'))?.seq).toBe(6);

    expect(await seqsOf(runId)).toEqual([
      [1, 's1'],
      [2, 'b1'],
      [3, 'b2'],
      [4, 's2'],
      [5, 'b3'],
      [6, 's3'],
    ]);
    expect((await logOf(runId)).eventSeq).toBe(6);
  });

  it('numbers exactly as one appendRunEvent per event in order, over a script of batches', async () => {
    // Repeats within a batch, across batches, first-in-batch and last-in-batch, and empty batches.
    const script: string[][] = [
      ['a', 'b', 'a'],
      [],
      ['b', 'c'],
      ['d', 'd', 'd'],
      ['a', 'b', 'c', 'd'],
      ['e', 'a', 'f', 'e', 'g'],
      ['h'],
    ];
    const batched = await makeRun();
    const single = await makeRun();
    let n = 0;
    for (const keys of script) {
      // Data differs per occurrence, so a kept later occurrence would show.
      const events = keys.map((key) => event(key, status(`${key} #${(n += 1)}`)));
      const stored = await appendRunEvents(sql, { tenantId, runId: batched }, events);
      let storedOneByOne = 0;
      for (const e of events) {
        const view = await appendRunEvent(sql, {
          tenantId,
          runId: single,
          eventKey: e.eventKey,
          data: e.data,
        });
        if (view) storedOneByOne += 1;
      }
      expect(stored).toBe(storedOneByOne);
    }

    const a = await logOf(batched);
    const b = await logOf(single);
    expect(a.events).toEqual(b.events);
    expect(a.eventSeq).toBe(b.eventSeq);
    expect(a.events.map((e) => e.key)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(a.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('numbers 1..N with no gap and no duplicate under 4 concurrent writers, each batch in one block', async () => {
    const runId = await makeRun();
    const writers = await connectClients(db.url, 4);
    try {
      await Promise.all(
        writers.map(async (c, w) => {
          await c.query('BEGIN');
          const sqlOf = pgExecutor(c);
          for (let batch = 0; batch < 2; batch += 1) {
            const events = [0, 1, 2].map((i) => event(`w${w}-b${batch}-${i}`));
            expect(await appendRunEvents(sqlOf, { tenantId, runId }, events)).toBe(3);
          }
          await c.query('COMMIT');
        }),
      );
    } finally {
      await Promise.all(writers.map((c) => c.end()));
    }

    const log = await logOf(runId);
    expect(log.events.map((e) => e.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(log.eventSeq).toBe(24);
    // The run row's lock is held to each writer's commit: a writer's events are one block, in its order.
    for (let w = 0; w < 4; w += 1) {
      const mine = log.events.filter((e) => e.key.startsWith(`w${w}-`));
      expect(mine.map((e) => e.key)).toEqual(
        [0, 1].flatMap((batch) => [0, 1, 2].map((i) => `w${w}-b${batch}-${i}`)),
      );
      const seqs = mine.map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: 6 }, (_, i) => seqs[0]! + i));
    }
  });

  it('stores each event s data exactly as given (jsonb round trip) and its type', async () => {
    const runId = await makeRun();
    const tricky = 'quotes " \' ` and \\ back\\slash, newline\nand tab\t, unicode: é ß 漢字 🚀 👩🏽‍💻 \u2028';
    const data: RunEventData[] = [
      status(tricky),
      { type: 'run.warning', code: 'K"EY\'', message: '{"not": "json"} $1 $$ %s' },
      { type: 'run.usage', totalTokens: 123_456_789, costUsd: 0.000123 },
      {
        type: 'comment.created',
        taskId: null,
        commentId: randomUUID(),
        commentType: 'NOTE',
        authorRole: 'pm',
        agentId: null,
        body: '# Title\n\n```ts\nconst s = "x";\n```\n— done ✅',
      },
    ];
    const keys = ['plain', 'ключ "quoted"', "it's", '🚀\\'];

    expect(
      await appendRunEvents(
        sql,
        { tenantId, runId },
        data.map((d, i) => event(keys[i]!, d)),
      ),
    ).toBe(4);

    const log = await logOf(runId);
    expect(log.events.map((e) => e.key)).toEqual(keys);
    expect(log.events.map((e) => e.data)).toEqual(data);
    expect(log.events.map((e) => e.type)).toEqual(data.map((d) => d.type));
    // Byte for byte what the single append stores for the same data.
    const single = await makeRun();
    for (const [i, d] of data.entries()) {
      await appendRunEvent(sql, { tenantId, runId: single, eventKey: keys[i]!, data: d });
    }
    const same = await client.query<{ same: boolean }>(
      `SELECT bool_and(a.data = b.data AND a.type = b.type AND a.event_key = b.event_key) AS same
         FROM run_events a JOIN run_events b ON a.seq = b.seq
        WHERE a.run_id = $1 AND b.run_id = $2`,
      [runId, single],
    );
    expect(same.rows[0]?.same).toBe(true);
  });

  it('notifies listeners after the batch commits, and not for a batch that stored nothing', async () => {
    const runId = await makeRun();
    const listener = new pg.Client({ connectionString: db.url });
    const writer = new pg.Client({ connectionString: db.url });
    await Promise.all([listener.connect(), writer.connect()]);
    const writerSql = pgExecutor(writer);
    const heard: string[] = [];
    listener.on('notification', (n) => {
      if (n.channel === RUN_EVENTS_CHANNEL) heard.push(n.payload ?? '');
    });
    // Notifications arrive in commit order: once a marker committed later is heard, so is everything before.
    let markers = 0;
    const heardUpToNow = async () => {
      const marker = `marker-${(markers += 1)}`;
      await client.query(`SELECT pg_notify($1, $2)`, [RUN_EVENTS_CHANNEL, marker]);
      await pollUntil(() => heard.includes(marker), { timeoutMs: 5_000, description: marker });
      return heard.filter((p) => !p.startsWith('marker-'));
    };
    try {
      await listener.query(`LISTEN ${RUN_EVENTS_CHANNEL}`);

      await writer.query('BEGIN');
      expect(await appendRunEvents(writerSql, { tenantId, runId }, [event('a'), event('b')])).toBe(2);
      expect(await heardUpToNow()).toEqual([]);
      await writer.query('COMMIT');
      // PostgreSQL folds identical notifications of one transaction into one: one per run and transaction.
      expect(await heardUpToNow()).toEqual([runId]);

      expect(await appendRunEvents(writerSql, { tenantId, runId }, [event('a'), event('b')])).toBe(0);
      expect(await heardUpToNow()).toEqual([runId]);

      expect(await appendRunEvents(writerSql, { tenantId, runId }, [event('b'), event('c')])).toBe(1);
      expect(await heardUpToNow()).toEqual([runId, runId]);
    } finally {
      await Promise.all([listener.end(), writer.end()]);
    }
  });

  it('fires the insert trigger once per stored row', async () => {
    // NOTIFY folds duplicates, so count the trigger's firings on a second trigger of the same kind.
    const runId = await makeRun();
    await client.query(`CREATE TABLE batch_trigger_hits (run_id uuid NOT NULL, event_key text NOT NULL)`);
    await client.query(`
      CREATE FUNCTION count_batch_trigger_hit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO batch_trigger_hits VALUES (NEW.run_id, NEW.event_key);
        RETURN NULL;
      END $$`);
    await client.query(`
      CREATE TRIGGER trg_count_batch_trigger_hit AFTER INSERT ON run_events
      FOR EACH ROW EXECUTE FUNCTION count_batch_trigger_hit()`);
    try {
      await appendRunEvents(sql, { tenantId, runId }, [event('a'), event('b'), event('a'), event('c')]);
      await appendRunEvents(sql, { tenantId, runId }, [event('c'), event('d')]);
      const hits = await client.query<{ event_key: string }>(
        `SELECT event_key FROM batch_trigger_hits WHERE run_id = $1 ORDER BY event_key`,
        [runId],
      );
      expect(hits.rows.map((r) => r.event_key)).toEqual(['a', 'b', 'c', 'd']);
      const notifier = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_trigger
          WHERE tgrelid = 'run_events'::regclass AND tgname = 'trg_run_event_notify' AND tgenabled <> 'D'`,
      );
      expect(notifier.rows[0]?.n).toBe('1');
    } finally {
      await client.query(`DROP TRIGGER trg_count_batch_trigger_hit ON run_events`);
      await client.query(`DROP FUNCTION count_batch_trigger_hit()`);
      await client.query(`DROP TABLE batch_trigger_hits`);
    }
  });

  it('appendRunEventsStatement is the statement appendRunEvents runs, for a caller that pipelines it', async () => {
    const runId = await makeRun();
    const events = [event('a'), event('b', status('b "quoted" ✅')), event('a')];
    const issued: { text: string; params: unknown[] }[] = [];
    const recording: SqlExecutor = {
      query: async <Row>(text: string, params: unknown[]) => {
        issued.push({ text, params });
        return sql.query<Row>(text, params);
      },
    };

    await appendRunEvents(recording, { tenantId, runId }, events);

    const statement = appendRunEventsStatement({ tenantId, runId }, events);
    expect(issued).toEqual([{ text: statement.text, params: statement.values }]);

    // Sent by the caller itself, it numbers the same way and answers `stored` and `run_found`.
    const next = [event('b'), event('c'), event('d')];
    const own = appendRunEventsStatement({ tenantId, runId }, next);
    const answer = await client.query<{ stored: string; run_found: boolean }>(own.text, own.values);
    expect(answer.rows).toEqual([{ stored: '2', run_found: true }]);
    expect(await seqsOf(runId)).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
    const lost = appendRunEventsStatement({ tenantId, runId: randomUUID() }, next);
    expect((await client.query(lost.text, lost.values)).rows).toEqual([{ stored: '0', run_found: false }]);
  });
});
