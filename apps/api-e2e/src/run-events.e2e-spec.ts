import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  SseParser,
  type HttpErrorBody,
  type RunEventData,
  type RunEventView,
  type SseMessage,
} from '@shipyard/contracts';
// Events are appended through the writers' own function, so they are stored exactly as in production.
import { appendRunEvent, pgExecutor } from '@shipyard/shared/run-events';
import { freePort } from '@shipyard/shared/test-utils';
import {
  createTestDatabase,
  pollUntil,
  testNatsPrefix,
  uniqueId,
  type TestDatabase,
} from '@shipyard/shared/testing';
import { ApiClient } from './support/api-client';
import { createReadyProject, createRun } from './support/factories';
import { privateDist, type PrivateDist } from './support/private-dist';
import { ServiceProcess } from './support/service-process';
import { createTenantKey } from './support/tenant-cli';

// Real: project-service (with its relay) and TWO gateways as processes from a private build, PostgreSQL
// (this file's own database), NATS (own subject prefix), Redis (own key prefix). Faked: the orchestrator;
// its events are appended straight into the database with the function every writer uses.

let database: TestDatabase;
let dist: PrivateDist;
let sql: pg.Client;
let projectService: ServiceProcess;
let gateways: [ServiceProcess, ServiceProcess];
let apis: [ApiClient, ApiClient];

beforeAll(async () => {
  const [db, built, port1, port2] = await Promise.all([
    createTestDatabase(),
    privateDist(),
    freePort(),
    freePort(),
  ]);
  database = db;
  dist = built;
  const shared = {
    NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    NATS_SUBJECT_PREFIX: testNatsPrefix(),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `${uniqueId('sse-e2e')}:`,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  };
  projectService = new ServiceProcess('project-service', join(dist.dir, 'apps/project-service/src/main.js'), {
    ...shared,
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '4',
  });
  const gateway = (port: number, name: string): ServiceProcess =>
    new ServiceProcess(name, join(dist.dir, 'apps/gateway/src/main.js'), {
      ...shared,
      GATEWAY_PORT: String(port),
      // Short, so the spec sees a heartbeat without waiting long; production uses 15 s.
      SSE_HEARTBEAT_MS: '1000',
    });
  gateways = [gateway(port1, 'gateway-1'), gateway(port2, 'gateway-2')];
  apis = [new ApiClient(`http://127.0.0.1:${port1}`), new ApiClient(`http://127.0.0.1:${port2}`)];
  for (const service of [projectService, ...gateways]) service.start();
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  await pollUntil(
    async () => {
      for (const service of [projectService, ...gateways]) {
        if (service.exitCode !== null) throw new Error(`${service.name} exited:\n${service.recentOutput}`);
      }
      const ready = await Promise.all(
        apis.map((api) => api.get('/health/ready').catch(() => ({ status: 0 }))),
      );
      return ready.every((res) => res.status === 200);
    },
    { timeoutMs: 45_000, intervalMs: 100 },
  );
});

afterAll(async () => {
  await sql?.end();
  await Promise.allSettled([projectService, ...(gateways ?? [])].map((service) => service?.stop()));
  await Promise.allSettled([database?.drop(), dist?.remove()]);
});

function tenantKey(name: string): Promise<string> {
  return createTenantKey(dist.dir, database.url, name);
}

/** A run created through the API, plus the tenant id the database gave it (the events need it). */
async function newRun(api: ApiClient): Promise<{ runId: string; tenantId: string }> {
  const project = await createReadyProject(api);
  const created = await createRun(api, project.id);
  const { rows } = await sql.query<{ tenant_id: string }>(
    `SELECT tenant_id FROM project_runs WHERE id = $1`,
    [created.id],
  );
  return { runId: created.id, tenantId: rows[0]!.tenant_id };
}

/** Redis connections the gateways hold for this run's event streams (they are named after the run). */
async function sseConnections(runId: string): Promise<number> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const clients = (await redis.client('LIST')) as string;
    return clients.split('\n').filter((line) => line.includes(`name=gateway-sse-${runId} `)).length;
  } finally {
    redis.disconnect();
  }
}

let appended = 0;
/** Appends in one transaction, as the orchestrator does. */
async function append(tenantId: string, runId: string, events: RunEventData[]): Promise<void> {
  await sql.query('BEGIN');
  try {
    for (const data of events) {
      await appendRunEvent(pgExecutor(sql), { tenantId, runId, eventKey: `e2e-${++appended}`, data });
    }
    await sql.query('COMMIT');
  } catch (error) {
    await sql.query('ROLLBACK');
    throw error;
  }
}

const warning = (message: string): RunEventData => ({ type: 'run.warning', code: 'E2E', message });

/**
 * A Server-Sent Events client over fetch: parses frames as they arrive and lets the spec wait for them.
 * Written here rather than using EventSource so the spec sees every byte (comments, ids) and controls
 * reconnection itself.
 */
class SseClient {
  readonly frames: SseMessage[] = [];
  ended = false;
  errorBody: HttpErrorBody | undefined;
  private constructor(
    readonly status: number,
    readonly contentType: string | null,
    private readonly abort: AbortController,
  ) {}

  static async open(
    api: ApiClient,
    key: string,
    runId: string,
    options: { lastEventId?: string; query?: string } = {},
  ): Promise<SseClient> {
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, accept: 'text/event-stream' };
    if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
    const abort = new AbortController();
    const res = await fetch(`${api.baseUrl}/api/runs/${runId}/events${options.query ?? ''}`, {
      headers,
      signal: abort.signal,
    });
    const opened = new SseClient(res.status, res.headers.get('content-type'), abort);
    if (res.status !== 200 || !res.body) {
      opened.errorBody = (await res.json()) as HttpErrorBody;
      opened.ended = true;
      return opened;
    }
    void opened.consume(res.body);
    return opened;
  }

  private async consume(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    const parser = new SseParser();
    try {
      for await (const chunk of body)
        this.frames.push(...parser.push(decoder.decode(chunk, { stream: true })));
    } catch {
      // Aborted by the spec: a client going away.
    } finally {
      this.ended = true;
    }
  }

  /** The event frames (no comments, no `retry:`), parsed. */
  get events(): RunEventView[] {
    return this.frames.filter((f) => f.data !== undefined).map((f) => JSON.parse(f.data!) as RunEventView);
  }

  async waitForEvents(count: number): Promise<RunEventView[]> {
    await pollUntil(() => this.events.length >= count || this.ended, { timeoutMs: 20_000, intervalMs: 20 });
    return this.events;
  }

  async waitForEnd(): Promise<void> {
    await pollUntil(() => this.ended, { timeoutMs: 20_000, intervalMs: 20 });
  }

  close(): void {
    this.abort.abort();
  }
}

describe('GET /api/runs/:id/events', () => {
  let key: string;
  let api1: ApiClient;

  beforeAll(async () => {
    key = await tenantKey('sse-owner');
    api1 = apis[0].withKey(key);
  });

  test('live delivery, a reconnect to another gateway with Last-Event-ID, and the end after the terminal status', async () => {
    const { runId, tenantId } = await newRun(api1);

    const first = await SseClient.open(apis[0], key, runId);
    expect(first.status).toBe(200);
    expect(first.contentType).toContain('text/event-stream');
    await append(tenantId, runId, [
      { type: 'run.status', status: 'RUNNING', reason: 'picked up' },
      warning('one'),
    ]);
    await append(tenantId, runId, [warning('two')]);
    const live = await first.waitForEvents(3);
    expect(live.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(first.frames.filter((f) => f.data).map((f) => [f.id, f.event])).toEqual([
      ['1', 'run.status'],
      ['2', 'run.warning'],
      ['3', 'run.warning'],
    ]);
    expect(live[0]).toMatchObject({ runId, seq: 1, data: { type: 'run.status', status: 'RUNNING' } });

    // The client drops; the run goes on without it, and the gateway frees the stream's Redis connection.
    expect(await sseConnections(runId)).toBe(1);
    first.close();
    await first.waitForEnd();
    await pollUntil(async () => (await sseConnections(runId)) === 0, { timeoutMs: 10_000, intervalMs: 50 });
    await append(tenantId, runId, [warning('three'), warning('four')]);
    await append(tenantId, runId, [
      { type: 'task.changed', taskId: runId, status: 'IN_PROGRESS', reason: 'dev' },
    ]);

    // It comes back through the other gateway with the last id it saw: exactly the missed events.
    const second = await SseClient.open(apis[1], key, runId, { lastEventId: '3' });
    expect(second.status).toBe(200);
    expect((await second.waitForEvents(3)).map((e) => e.seq)).toEqual([4, 5, 6]);
    // Live again on that replica, then idle long enough for a heartbeat comment.
    await append(tenantId, runId, [{ type: 'run.usage', totalTokens: 1200, costUsd: 0.0042 }]);
    expect((await second.waitForEvents(4)).map((e) => e.seq)).toEqual([4, 5, 6, 7]);
    await pollUntil(() => second.frames.some((f) => f.comment?.startsWith('heartbeat')), {
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    expect(second.ended).toBe(false);

    await append(tenantId, runId, [{ type: 'run.status', status: 'COMPLETED', reason: 'all tasks done' }]);
    await second.waitForEnd();
    expect(second.events.map((e) => e.seq)).toEqual([4, 5, 6, 7, 8]);
    expect(second.events.at(-1)?.data).toEqual({
      type: 'run.status',
      status: 'COMPLETED',
      reason: 'all tasks done',
    });

    // Every event once, across both connections, in order and without a gap.
    expect([...live, ...second.events].map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    // A finished run replays its history from anywhere and ends at once; `?after=` works like the header.
    const replay = await SseClient.open(apis[0], key, runId, { query: '?after=6' });
    await replay.waitForEnd();
    expect(replay.events.map((e) => e.seq)).toEqual([7, 8]);
    const fromStart = await SseClient.open(apis[1], key, runId);
    await fromStart.waitForEnd();
    expect(fromStart.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test('another tenant gets 404, and bad input 400/401, before any stream opens', async () => {
    const { runId } = await newRun(api1);
    const strangerKey = await tenantKey('sse-stranger');

    const stranger = await SseClient.open(apis[1], strangerKey, runId);
    expect(stranger.status).toBe(404);
    expect(stranger.errorBody).toMatchObject({ statusCode: 404, code: 'RUN_NOT_FOUND' });

    const badId = await SseClient.open(apis[0], key, runId, { lastEventId: 'yesterday' });
    expect(badId.status).toBe(400);
    expect(badId.errorBody?.code).toBe('VALIDATION_FAILED');
    const badAfter = await SseClient.open(apis[0], key, runId, { query: '?after=1e3' });
    expect(badAfter.status).toBe(400);
    const unknown = await SseClient.open(apis[0], key, runId, { query: '?from=1' });
    expect(unknown.status).toBe(400);
    const noRun = await SseClient.open(apis[0], key, '00000000-0000-4000-8000-000000000000');
    expect(noRun.status).toBe(404);
    const unauthenticated = await apis[0].get(`/api/runs/${runId}/events`);
    expect(unauthenticated.status).toBe(401);
  });

  test('the OpenAPI document describes the stream', async () => {
    const doc = await apis[0].get<{
      paths: Record<string, { get?: { responses: Record<string, { content?: object }> } }>;
    }>('/api/openapi.json');
    const operation = doc.body.paths['/api/runs/{id}/events']?.get;
    expect(operation?.responses['200']?.content).toHaveProperty(['text/event-stream']);
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['400', '401', '404']));
  });

  // Last: it stops gateway-2.
  test('a gateway that stops ends its open streams at once and exits cleanly; the client resumes on another', async () => {
    const { runId, tenantId } = await newRun(api1);
    const watching = await SseClient.open(apis[1], key, runId);
    await append(tenantId, runId, [warning('before the restart')]);
    expect((await watching.waitForEvents(1)).map((e) => e.seq)).toEqual([1]);

    gateways[1].signal('SIGTERM');
    // Well inside the gateway's 10 s shutdown deadline, whose expiry would mean exit code 1.
    expect(await gateways[1].exited()).toEqual({ code: 0, signal: null });
    await watching.waitForEnd();

    await append(tenantId, runId, [
      warning('during the restart'),
      { type: 'run.status', status: 'FAILED', reason: 'x' },
    ]);
    const resumed = await SseClient.open(apis[0], key, runId, { lastEventId: '1' });
    await resumed.waitForEnd();
    expect(resumed.events.map((e) => e.seq)).toEqual([2, 3]);
  });
});
