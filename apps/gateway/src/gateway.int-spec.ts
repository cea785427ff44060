/**
 * Real: NATS, the whole gateway app (createGateway: middleware, guard, pipes, filter, OpenAPI) on a random
 * port, Nest's NATS transport. Faked: project-service, replaced by handlers that echo what the gateway sent,
 * so this file checks the gateway's own rules; apps/api-e2e checks them against the real service.
 */
import { Controller, Module, type INestApplication } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ChangeRunStatus,
  CreateProject,
  CreateRun,
  DomainError,
  GetProject,
  ListProjects,
  VerifyApiKey,
} from '@shipyard/contracts';
import { parseConfig } from '@shipyard/shared/config';
import { bootstrapService, READINESS_CHECKS, type ReadinessCheck } from '@shipyard/shared/messaging';
import { createLogger, currentContext } from '@shipyard/shared/observability';
import { testNatsPrefix, uniqueId } from '@shipyard/shared/testing';
import { GatewayConfig } from './config.schema';
import { createGateway } from './create-gateway';

const TENANT_A = '11111111-1111-4111-8111-111111111111';
const PROJECT = '22222222-2222-4222-8222-222222222222';
const database = { up: true };

/** What the fake service received, with the request id it saw in the NATS header. */
interface Echo {
  received: Record<string, unknown>;
  requestId?: string;
}

@Controller()
class FakeProjectService {
  @MessagePattern(VerifyApiKey.Subject)
  verify(@Payload() req: VerifyApiKey.Request): VerifyApiKey.Reply {
    if (req.apiKey === 'key-a') return { tenantId: TENANT_A, keyId: 'k-a' };
    throw new DomainError('UNAUTHENTICATED', 'Invalid API key');
  }

  @MessagePattern(ListProjects.Subject)
  list(@Payload() req: Record<string, unknown>): Echo & { items: []; total: 0 } {
    return { items: [], total: 0, received: req, requestId: currentContext().requestId };
  }

  @MessagePattern(CreateProject.Subject)
  create(@Payload() req: Record<string, unknown>): Echo {
    return { received: req, requestId: currentContext().requestId };
  }

  @MessagePattern(GetProject.Subject)
  get(@Payload() req: GetProject.Request): Echo {
    if (req.id !== PROJECT) throw new DomainError('PROJECT_NOT_FOUND', 'Project not found');
    return { received: { ...req } };
  }

  @MessagePattern(ChangeRunStatus.PauseSubject)
  hang(): Promise<never> {
    return new Promise<never>(() => undefined);
  }

  @MessagePattern(CreateRun.Subject)
  crash(): never {
    throw new Error('connection to db-7.internal:5432 refused');
  }
}

@Module({
  controllers: [FakeProjectService],
  providers: [
    {
      provide: READINESS_CHECKS,
      useValue: [
        {
          name: 'database',
          check: () => (database.up ? Promise.resolve() : Promise.reject(new Error('down'))),
        },
      ] satisfies ReadinessCheck[],
    },
  ],
})
class FakeProjectServiceModule {}

describe('gateway against a fake project-service', () => {
  const env = { ...process.env, NATS_SUBJECT_PREFIX: testNatsPrefix(), LOG_LEVEL: 'silent' as const };
  const config = parseConfig(GatewayConfig, {
    ...env,
    GATEWAY_PORT: '0',
    GATEWAY_REQUEST_TIMEOUT_MS: '500',
    BODY_LIMIT_BYTES: '65536',
    // Counters under a prefix of this file's own; one proxy hop trusted, so a spec can speak for an address.
    REDIS_KEY_PREFIX: `${uniqueId('gateway-spec')}:`,
    AUTH_FAILURE_LIMIT: '3',
    TRUST_PROXY_HOPS: '1',
  });
  let service: INestApplication;
  let gateway: INestApplication;
  let base: string;

  beforeAll(async () => {
    service = await bootstrapService({
      service: 'project-service',
      module: FakeProjectServiceModule,
      config: parseConfig(GatewayConfig, env),
    });
    gateway = await createGateway(config, createLogger({ service: 'gateway', level: 'silent' }));
    await gateway.listen(0, '127.0.0.1');
    const server = gateway.getHttpServer() as Server;
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await gateway?.close();
    await service?.close();
  });

  const call = (path: string, init: RequestInit & { key?: string | null } = {}): Promise<Response> => {
    const { key = 'key-a', headers, ...rest } = init;
    return fetch(`${base}${path}`, {
      ...rest,
      headers: {
        ...(key === null ? {} : { authorization: `Bearer ${key}` }),
        ...(rest.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(headers as Record<string, string> | undefined),
      },
    });
  };

  it('forwards the tenant of the key, the validated query with paging defaults, and the request id', async () => {
    const res = await call('/api/projects?status=READY', { headers: { 'x-request-id': 'trace-me-42' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-me-42');
    const body = (await res.json()) as Echo;
    expect(body.received).toEqual({ tenantId: TENANT_A, status: 'READY', skip: 0, limit: 20 });
    expect(body.requestId).toBe('trace-me-42');
  });

  it('generates a request id when the caller sends none or a bad one, and passes that one on', async () => {
    const res = await call('/api/projects', { headers: { 'x-request-id': 'bad id with spaces' } });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await res.json()) as Echo).requestId).toBe(id);
  });

  it('never takes a tenant from the caller', async () => {
    const res = await call('/api/projects', {
      method: 'POST',
      body: JSON.stringify({ name: 'p', tenantId: TENANT_A }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'tenantId' }] });
  });

  it('answers 201 for a create, with the body forwarded as validated', async () => {
    const res = await call('/api/projects', {
      method: 'POST',
      body: JSON.stringify({ name: 'p', templateVersion: 2 }),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Echo).received).toEqual({
      name: 'p',
      templateVersion: 2,
      tenantId: TENANT_A,
    });
  });

  it.each([
    ['no header', null],
    ['an unknown key', 'key-zzz'],
  ])('answers 401 with the error body for %s', async (_, key) => {
    const res = await call('/api/projects', { key });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', path: '/api/projects' });
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
    expect(typeof body.timestamp).toBe('string');
  });

  it('answers a client address past its failed key checks with 429 and Retry-After, others as before', async () => {
    const from = (address: string, key: string) =>
      call('/api/projects', { key, headers: { 'x-forwarded-for': address } });
    expect((await from('198.51.100.20', 'key-a')).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await from('198.51.100.20', 'key-zzz')).status).toBe(401);
    const limited = await from('198.51.100.20', 'key-zzz');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await limited.json()) as { code: string; details: { retryAfterSeconds: number } };
    expect(body.code).toBe('RATE_LIMITED');
    expect(body.details.retryAfterSeconds).toBe(Number(limited.headers.get('retry-after')));
    // A key verified before is still taken from the cache without a lookup; another address is unaffected.
    expect((await from('198.51.100.20', 'key-a')).status).toBe(200);
    expect((await from('198.51.100.21', 'key-zzz')).status).toBe(401);
  });

  it('maps a service error code to its status', async () => {
    const res = await call('/api/projects/33333333-3333-4333-8333-333333333333');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'PROJECT_NOT_FOUND' });
  });

  it('refuses a malformed id before asking the service', async () => {
    const res = await call('/api/projects/not-a-uuid');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ details: [{ path: 'id', messages: ['id must be a UUID v4'] }] });
  });

  it('answers malformed JSON, a wrong content type and an oversized body in the one error shape', async () => {
    const malformed = await call('/api/projects', { method: 'POST', body: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Request body is not valid JSON',
    });

    const form = await call('/api/projects', {
      method: 'POST',
      body: 'name=p',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(400);
    expect(await form.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ messages: ['Content-Type must be application/json'] }],
    });

    const huge = await call('/api/projects', {
      method: 'POST',
      body: JSON.stringify({ name: 'x'.repeat(70_000) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('x-request-id')).toBeTruthy();
    expect(await huge.json()).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses an absurdly nested body with 400 instead of failing on it', async () => {
    let patch = '1';
    for (let i = 0; i < 5_000; i += 1) patch = `{"a":${patch}}`;
    const deep = await call('/api/projects', {
      method: 'POST',
      body: `{"name":"p","configPatch":${patch}}`,
      headers: {},
    });
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Request body is nested too deeply',
    });
  });

  it('answers an unknown route and an unknown method with ROUTE_NOT_FOUND', async () => {
    for (const [method, path] of [
      ['GET', '/api/nothing'],
      ['PUT', '/api/projects'],
      ['GET', '/'],
    ] as const) {
      const res = await call(path, { method });
      expect(res.status).toBe(404);
      expect(res.headers.get('x-request-id')).toBeTruthy();
      expect(await res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', path });
    }
  });

  it('answers 503 without details when the service does not answer in time', async () => {
    const res = await call(`/api/runs/${PROJECT}/pause`, { method: 'POST' });
    expect(res.status).toBe(503);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(body.details).toBeUndefined();
  });

  it('hides an unexpected service failure behind a generic 500', async () => {
    const res = await call('/api/runs', { method: 'POST', body: JSON.stringify({ projectId: PROJECT }) });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ code: 'INTERNAL', message: 'Internal server error' });
    expect(text).not.toContain('db-7');
  });

  it('reports ready only while project-service says its database is up', async () => {
    const ready = await call('/health/ready', { key: null });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      checks: { nats: 'up', 'project-service': 'up', database: 'up' },
    });
    database.up = false;
    try {
      const notReady = await call('/health/ready', { key: null });
      expect(notReady.status).toBe(503);
      const body = (await notReady.json()) as { code: string; message: string };
      expect(body.code).toBe('SERVICE_UNAVAILABLE');
      expect(body.message).toContain('database down');
    } finally {
      database.up = true;
    }
    expect((await call('/health/live', { key: null })).status).toBe(200);
  });

  it('serves the OpenAPI document and the docs page with their assets, without a key', async () => {
    const doc = (await (await call('/api/openapi.json', { key: null })).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths['/api/runs/{id}/stop'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.components.schemas.CreateProjectBody?.properties ?? {})).toEqual(
      expect.arrayContaining(['name', 'requirements', 'templateId', 'templateVersion', 'configPatch']),
    );
    // Every reference in the document points at a schema it defines.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(refs.length).toBeGreaterThan(50);
    expect([...new Set(refs)].filter((name) => !(name && name in doc.components.schemas))).toEqual([]);
    // Every API operation declares the bearer key, and the health probes are not in the public document.
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith('/api/')).toBe(true);
      for (const operation of Object.values(item) as { security?: unknown }[])
        expect(operation.security).toEqual([{ bearer: [] }]);
    }
    const page = await call('/api/docs', { key: null });
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="\.\/docs\/([^"]+)"/g)].map((match) => match[1]);
    expect(assets).toEqual(
      expect.arrayContaining(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-init.js']),
    );
    for (const asset of assets) {
      const res = await call(`/api/docs/${asset}`, { key: null });
      expect([asset, res.status]).toEqual([asset, 200]);
    }
    // The rest of swagger-ui-dist (its package.json, a demo page pointing at the public Petstore) is not served.
    for (const other of ['package.json', 'swagger-initializer.js', 'README.md']) {
      const res = await call(`/api/docs/${other}`, { key: null });
      expect([other, res.status]).toEqual([other, 404]);
    }
  });
});
