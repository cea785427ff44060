/**
 * Real: PostgreSQL (a clone of the migrated template). Faked: nothing.
 * The event log's numbering is what lets a reconnecting client resume with no gap and no duplicate.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { connectClients, createTestDatabase, type TestDatabase } from '@shipyard/shared/testing';
import { appendRunEvent, pgExecutor, readRunEvents, type SqlExecutor } from '@shipyard/shared/run-events';

describe('appendRunEvent', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let sql: SqlExecutor;
  let tenantId: string;
  let runId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    sql = pgExecutor(client);
    tenantId = (await client.query<{ id: string }>(`INSERT INTO tenants (name) VALUES ('t') RETURNING id`))
      .rows[0]!.id;
    const projectId = (
      await client.query<{ id: string }>(
        `INSERT INTO projects (tenant_id, name, status) VALUES ($1, 'p', 'RUNNING') RETURNING id`,
        [tenantId],
      )
    ).rows[0]!.id;
    runId = (
      await client.query<{ id: string }>(
        `INSERT INTO project_runs (tenant_id, project_id, config_snapshot) VALUES ($1, $2, '{}') RETURNING id`,
        [tenantId, projectId],
      )
    ).rows[0]!.id;
  });

  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  const status = (reason: string) => ({ type: 'run.status' as const, status: 'RUNNING' as const, reason });

  it('numbers a run events 1, 2, 3 and keeps one row per key', async () => {
    const first = await appendRunEvent(sql, { tenantId, runId, eventKey: 'a', data: status('one') });
    const repeat = await appendRunEvent(sql, { tenantId, runId, eventKey: 'a', data: status('one again') });
    const second = await appendRunEvent(sql, { tenantId, runId, eventKey: 'b', data: status('two') });
    expect(first?.seq).toBe(1);
    expect(repeat).toBeNull();
    expect(second?.seq).toBe(2);
    const stored = await readRunEvents(sql, runId, 0);
    expect(stored.map((e) => [e.seq, e.data])).toEqual([
      [1, status('one')],
      [2, status('two')],
    ]);
  });

  it('numbers in commit order under concurrent writers, with no gap', async () => {
    const writers = await connectClients(db.url, 4);
    try {
      await Promise.all(
        writers.map(async (c, i) => {
          await c.query('BEGIN');
          await appendRunEvent(pgExecutor(c), {
            tenantId,
            runId,
            eventKey: `w${i}`,
            data: status(`writer ${i}`),
          });
          await c.query('COMMIT');
        }),
      );
    } finally {
      await Promise.all(writers.map((c) => c.end()));
    }
    const seqs = (await readRunEvents(sql, runId, 0)).map((e) => e.seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses an event for a run that is not there, or not the tenant s', async () => {
    await expect(
      appendRunEvent(sql, { tenantId, runId: randomUUID(), eventKey: 'x', data: status('lost') }),
    ).rejects.toThrow(/not found/);
    await expect(
      appendRunEvent(sql, { tenantId: randomUUID(), runId, eventKey: 'y', data: status('foreign') }),
    ).rejects.toThrow(/not found/);
  });
});
