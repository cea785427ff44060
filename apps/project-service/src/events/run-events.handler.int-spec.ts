import { DomainError, ListRunEvents, runEventStreamKey, type ErrorReply } from '@shipyard/contracts';
import { appendRunEvent, pgExecutor } from '@shipyard/shared/run-events';
import { pollUntil } from '@shipyard/shared/testing';
import { Redis } from 'ioredis';
import { startProjectServiceHarness, type ProjectServiceHarness } from '../testing/project-service.harness';

// Real: project-service in-process (its whole module, relay included), PostgreSQL, NATS, Redis. Faked:
// nothing; runs and events are written straight into the tables as the orchestrator would.
let harness: ProjectServiceHarness;

beforeAll(async () => {
  harness = await startProjectServiceHarness();
});

afterAll(async () => {
  await harness.close();
});

async function makeRun(tenantId: string): Promise<string> {
  const project = await harness.sql.query<{ id: string }>(
    `INSERT INTO projects (tenant_id, name) VALUES ($1, 'p') RETURNING id`,
    [tenantId],
  );
  const run = await harness.sql.query<{ id: string }>(
    `INSERT INTO project_runs (tenant_id, project_id, config_snapshot) VALUES ($1, $2, '{}') RETURNING id`,
    [tenantId, project.rows[0]!.id],
  );
  return run.rows[0]!.id;
}

async function append(tenantId: string, runId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await appendRunEvent(pgExecutor(harness.sql), {
      tenantId,
      runId,
      eventKey: `spec-${i}`,
      data: { type: 'run.warning', code: 'SPEC', message: `event ${i}` },
    });
  }
}

function list(req: ListRunEvents.Request): Promise<ListRunEvents.Reply> {
  return harness.client.request<ListRunEvents.Reply>(ListRunEvents.Subject, req);
}

async function failure(work: Promise<unknown>): Promise<ErrorReply> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error.toReply();
    throw error;
  }
  throw new Error('expected the request to fail');
}

test("pages through a run's events after a seq, oldest first", async () => {
  const { tenantId } = await harness.tenant();
  const runId = await makeRun(tenantId);
  await append(tenantId, runId, 5);

  const first = await list({ tenantId, runId, afterSeq: 0, limit: 2 });
  expect(first.items.map((e) => e.seq)).toEqual([1, 2]);
  const rest = await list({ tenantId, runId, afterSeq: 2, limit: 500 });
  expect(rest.items.map((e) => e.seq)).toEqual([3, 4, 5]);
  const [third] = rest.items;
  expect(third).toMatchObject({
    runId,
    seq: 3,
    data: { type: 'run.warning', code: 'SPEC', message: 'event 2' },
  });
  expect(third?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
  expect((await list({ tenantId, runId, afterSeq: 5, limit: 10 })).items).toEqual([]);
});

test("another tenant's run is not found, and bad requests are refused", async () => {
  const owner = await harness.tenant();
  const stranger = await harness.tenant();
  const runId = await makeRun(owner.tenantId);
  await append(owner.tenantId, runId, 1);

  expect((await failure(list({ tenantId: stranger.tenantId, runId, afterSeq: 0, limit: 10 }))).code).toBe(
    'RUN_NOT_FOUND',
  );
  const invalid = await failure(
    harness.client.request(ListRunEvents.Subject, {
      tenantId: owner.tenantId,
      runId,
      afterSeq: -1,
      limit: 501,
    }),
  );
  expect(invalid.code).toBe('VALIDATION_FAILED');
  expect(JSON.stringify(invalid.details)).toContain('afterSeq');
  expect(JSON.stringify(invalid.details)).toContain('limit');
});

test("the service relays committed events to the run's Redis stream", async () => {
  const { tenantId } = await harness.tenant();
  const runId = await makeRun(tenantId);
  await append(tenantId, runId, 3);
  // The harness leaves REDIS_KEY_PREFIX as the environment has it (unset: empty); run ids are unique.
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const key = runEventStreamKey(process.env.REDIS_KEY_PREFIX ?? '', runId);
    await pollUntil(async () => (await redis.xlen(key)) === 3, { timeoutMs: 15_000, intervalMs: 20 });
    expect((await redis.xrange(key, '-', '+')).map(([id]) => id)).toEqual(['0-1', '0-2', '0-3']);
    await redis.del(key);
  } finally {
    redis.disconnect();
  }
});
