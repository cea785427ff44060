import { Redis } from 'ioredis';
import pg from 'pg';
import { pino } from 'pino';
import { runEventStreamKey, type RunEventData } from '@shipyard/contracts';
import { createTestDatabase, pollUntil, uniqueId, type TestDatabase } from '@shipyard/shared/testing';
import { appendRunEvent, decodeStreamEntry, pgExecutor, RunEventRelay } from '@shipyard/shared/run-events';

// Real: PostgreSQL (a database of this file's own, its trigger and NOTIFY), Redis (keys under a prefix of
// this file's own). Faked: nothing; the relay is driven only by what PostgreSQL commits.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const silent = pino({ level: 'silent' });

let db: TestDatabase;
let pool: pg.Pool;
let redis: Redis;
let keyPrefix: string;
const relays: RunEventRelay[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  keyPrefix = `${uniqueId('relay-spec')}:`;
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});

afterAll(async () => {
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await pool.end();
  await db.drop();
});

function startRelay(options: { sweepIntervalMs?: number } = {}): RunEventRelay {
  const relay = new RunEventRelay({
    db: pgExecutor(pool),
    databaseUrl: db.url,
    redis,
    stream: { keyPrefix, maxLen: 10_000, ttlSeconds: 3600 },
    sweepIntervalMs: options.sweepIntervalMs ?? 60_000,
    sweepLookbackSeconds: 3600,
    logger: silent,
  });
  relays.push(relay);
  relay.start();
  return relay;
}

/** A tenant, a project and a QUEUED run, written straight to the tables the relay reads. */
async function makeRun(): Promise<{ tenantId: string; runId: string }> {
  const tenant = await pool.query<{ id: string }>(`INSERT INTO tenants (name) VALUES ('relay') RETURNING id`);
  const tenantId = tenant.rows[0]!.id;
  const project = await pool.query<{ id: string }>(
    `INSERT INTO projects (tenant_id, name) VALUES ($1, 'p') RETURNING id`,
    [tenantId],
  );
  const run = await pool.query<{ id: string }>(
    `INSERT INTO project_runs (tenant_id, project_id, config_snapshot) VALUES ($1, $2, '{}') RETURNING id`,
    [tenantId, project.rows[0]!.id],
  );
  return { tenantId, runId: run.rows[0]!.id };
}

/** Appends events the way every writer does: inside a transaction of its own. */
async function appendInTransaction(tenantId: string, runId: string, keys: string[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const key of keys) {
      const data: RunEventData = { type: 'run.warning', code: 'SPEC', message: key };
      await appendRunEvent(pgExecutor(client), { tenantId, runId, eventKey: key, data });
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function streamed(runId: string): Promise<{ seq: number; message: string }[]> {
  const entries = await redis.xrange(runEventStreamKey(keyPrefix, runId), '-', '+');
  return entries.map(([id, fields]) => {
    const view = decodeStreamEntry(runId, id, fields);
    if (!view || view.data.type !== 'run.warning') throw new Error(`malformed entry ${id}`);
    return { seq: view.seq, message: view.data.message };
  });
}

async function streamedLength(runId: string, length: number): Promise<void> {
  await pollUntil(async () => (await redis.xlen(runEventStreamKey(keyPrefix, runId))) >= length, {
    timeoutMs: 15_000,
    intervalMs: 20,
  });
}

const keysFor = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);

test('events appended in concurrent transactions reach the stream in seq order, each once', async () => {
  startRelay();
  const { tenantId, runId } = await makeRun();
  await pollUntil(
    async () =>
      (
        await pool.query(
          `SELECT 1 FROM pg_stat_activity WHERE application_name = 'run-event-relay' AND datname = current_database()`,
        )
      ).rowCount === 1,
    { timeoutMs: 10_000, intervalMs: 20 },
  );
  // Four writers at once, three events each: the run row's lock orders them into one sequence.
  await Promise.all(
    ['a', 'b', 'c', 'd'].map((writer) => appendInTransaction(tenantId, runId, keysFor(writer, 3))),
  );
  await streamedLength(runId, 12);

  const entries = await streamed(runId);
  expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  const { rows } = await pool.query<{ seq: string; event_key: string }>(
    `SELECT seq, event_key FROM run_events WHERE run_id = $1 ORDER BY seq`,
    [runId],
  );
  expect(entries.map((e) => e.message)).toEqual(rows.map((row) => row.event_key));
  const ttl = await redis.ttl(runEventStreamKey(keyPrefix, runId));
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(3600);
});

test('a relay started after the events were committed catches up from PostgreSQL', async () => {
  const { tenantId, runId } = await makeRun();
  await appendInTransaction(tenantId, runId, keysFor('early', 5));
  expect(await redis.exists(runEventStreamKey(keyPrefix, runId))).toBe(0);

  startRelay();
  await streamedLength(runId, 5);
  await appendInTransaction(tenantId, runId, keysFor('late', 2));
  await streamedLength(runId, 7);
  expect((await streamed(runId)).map((e) => `${e.seq}:${e.message}`)).toEqual([
    '1:early-1',
    '2:early-2',
    '3:early-3',
    '4:early-4',
    '5:early-5',
    '6:late-1',
    '7:late-2',
  ]);
});

test('re-notification, concurrent relays and repeated sweeps add no duplicate', async () => {
  const first = startRelay();
  const second = startRelay();
  const { tenantId, runId } = await makeRun();
  await appendInTransaction(tenantId, runId, keysFor('once', 4));
  await streamedLength(runId, 4);

  // The same run notified again by hand, relayed by two relays at once, and swept: still four entries.
  await pool.query(`SELECT pg_notify('shipyard_run_events', $1)`, [runId]);
  await Promise.all([first.relay(runId), second.relay(runId), first.sweep(), second.sweep()]);
  // A retried writer appends the same event key again: appendRunEvent keeps one row, the stream one entry.
  await appendInTransaction(tenantId, runId, ['once-2', 'once-5']);
  await streamedLength(runId, 5);
  await Promise.all([first.relay(runId), second.relay(runId)]);

  expect((await streamed(runId)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
});

test('the sweep relays events whose notification was lost', async () => {
  const { tenantId, runId } = await makeRun();
  // Committed while no relay listened: the NOTIFY went nowhere.
  await appendInTransaction(tenantId, runId, keysFor('lost', 3));
  const relay = startRelay();
  await streamedLength(runId, 3);
  // The stream loses its tail (a Redis restart without persistence, say): only the sweep can notice.
  await redis.del(runEventStreamKey(keyPrefix, runId));
  await relay.sweep();
  expect((await streamed(runId)).map((e) => e.seq)).toEqual([1, 2, 3]);
});
