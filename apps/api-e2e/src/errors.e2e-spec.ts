/**
 * Real: the gateway and project-service as processes from the build, PostgreSQL (a database of this file's
 * own), NATS (a subject prefix of its own). Faked: nothing; "project-service does not answer" is the real
 * process frozen with SIGSTOP, then stopped. Every error class of issue 2 in the one error body, tenant
 * isolation, request ids, and that a rejected request writes nothing.
 */
import type { HttpErrorBody, Page, ProjectView, RunView, TaskView } from '@shipyard/contracts';
import type { ApiClient, ApiResponse } from './support/api-client';
import { expectErrorBody, fieldPaths } from './support/error-body';
import {
  createComment,
  createProject,
  createReadyProject,
  createRun,
  createTask,
  createTemplate,
} from './support/factories';
import { Platform } from './support/platform';

const MISSING = '0f8fad5b-d9cb-469f-a165-70867728950e';
const GATEWAY_TIMEOUT_MS = 1_500;

describe('REST API errors, auth and isolation through the gateway', () => {
  let platform: Platform;
  let alice: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    platform = await Platform.start({ requestTimeoutMs: GATEWAY_TIMEOUT_MS });
    [alice, bob] = await Promise.all([
      platform.clientForNewTenant('alice'),
      platform.clientForNewTenant('bob'),
    ]);
  });

  afterAll(async () => {
    await platform?.close();
  });

  /** Everything a tenant can list, to compare before and after a rejected request. */
  async function snapshot(api: ApiClient): Promise<unknown[]> {
    const paths = ['/api/templates', '/api/projects', '/api/runs', '/api/tasks', '/api/comments'];
    return Promise.all(paths.map(async (path) => (await api.get(`${path}?limit=100`)).body));
  }

  describe('400 invalid input', () => {
    it('names every bad field, unknown fields included', async () => {
      const body = expectErrorBody(
        await alice.post('/api/projects', { name: 42, requirements: 'x', templateVersion: 0, owner: 'me' }),
        400,
        'VALIDATION_FAILED',
        '/api/projects',
      );
      expect(fieldPaths(body)).toEqual(expect.arrayContaining(['name', 'templateVersion', 'owner']));
      for (const detail of body.details as { messages: string[] }[])
        expect(detail.messages.length).toBeGreaterThan(0);
    });

    it('names the nested field of an invalid template config', async () => {
      const body = expectErrorBody(
        await alice.post('/api/templates', {
          name: 'Bad',
          config: { roles: { pm: { temperature: 7 } }, budget: { onExceed: 'explode' } },
        }),
        400,
        'VALIDATION_FAILED',
      );
      const paths = fieldPaths(body).join(' ');
      expect(paths).toContain('temperature');
      expect(paths).toContain('onExceed');
    });

    it('refuses malformed JSON, a JSON array, a non-JSON content type and an empty required body', async () => {
      const malformed = expectErrorBody(
        await alice.post('/api/projects', '{"name": "x",'),
        400,
        'VALIDATION_FAILED',
      );
      expect(malformed.message).toBe('Request body is not valid JSON');
      expectErrorBody(await alice.post('/api/projects', '[{"name":"x"}]'), 400, 'VALIDATION_FAILED');
      for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
        const res = await alice.call('POST', '/api/projects', {
          body: '{"name":"x"}',
          headers: { 'content-type': type },
        });
        const body = expectErrorBody(res, 400, 'VALIDATION_FAILED');
        expect(body.details).toEqual([{ path: '', messages: ['Content-Type must be application/json'] }]);
      }
      const latin1 = await alice.call('POST', '/api/projects', {
        body: '{"name":"x"}',
        headers: { 'content-type': 'application/json; charset=latin1' },
      });
      expectErrorBody(latin1, 400, 'VALIDATION_FAILED');
      expectErrorBody(await alice.post('/api/projects'), 400, 'VALIDATION_FAILED');
    });

    it('refuses malformed ids and versions in every path', async () => {
      const paths = [
        ['GET', '/api/templates/abc'],
        ['GET', `/api/templates/${MISSING}/versions/abc`],
        ['GET', `/api/templates/${MISSING}/versions/0`],
        ['GET', '/api/projects/123'],
        ['PATCH', '/api/projects/not-a-uuid'],
        ['DELETE', '/api/projects/not-a-uuid'],
        ['POST', '/api/projects/x/ready'],
        ['GET', '/api/runs/x'],
        ['POST', '/api/runs/x/stop'],
        ['GET', '/api/tasks/x'],
        ['PATCH', '/api/tasks/x'],
        ['POST', '/api/comments/x/replies'],
        ['GET', '/api/comments/x/replies'],
      ] as const;
      for (const [method, path] of paths) {
        const withBody = method === 'PATCH' || (method === 'POST' && path.endsWith('/replies'));
        const res = await alice.call(method, path, withBody ? { body: { body: 'b' } } : {});
        expect([method, path, res.status]).toEqual([method, path, 400]);
        expectErrorBody(res, 400, 'VALIDATION_FAILED', path);
      }
      const body = expectErrorBody(
        await alice.post('/api/runs', { projectId: 'nope' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldPaths(body)).toEqual(['projectId']);
    });

    it('refuses out-of-range paging, bad filters and unknown query parameters', async () => {
      const queries: [string, string][] = [
        ['skip=-1', 'skip'],
        ['skip=abc', 'skip'],
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['limit=2.5', 'limit'],
        ['skip=', 'skip'],
        ['skip=1e3', 'skip'],
        ['skip=99999999999999999999', 'skip'],
        ['status=SLEEPING', 'status'],
        ['sort=name', 'sort'],
      ];
      for (const [query, field] of queries) {
        const body = expectErrorBody(
          await alice.get(`/api/projects?${query}`),
          400,
          'VALIDATION_FAILED',
          '/api/projects',
        );
        expect([query, fieldPaths(body)]).toEqual([query, expect.arrayContaining([field])]);
      }
      expectErrorBody(await alice.get('/api/runs?projectId=nope'), 400, 'VALIDATION_FAILED');
      expectErrorBody(await alice.get('/api/tasks?runId=nope'), 400, 'VALIDATION_FAILED');
      expectErrorBody(await alice.get('/api/comments?commentType=GOSSIP'), 400, 'VALIDATION_FAILED');
      expectErrorBody(
        await alice.get(`/api/templates/${MISSING}/versions?limit=1000`),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('refuses hostile bodies the database or the validator could not take, and writes nothing', async () => {
      const before = await snapshot(alice);
      let deep = '1';
      for (let i = 0; i < 50_000; i += 1) deep = `{"a":${deep}}`;
      const nested = expectErrorBody(
        await alice.post('/api/projects', `{"name":"x","configPatch":${deep}}`),
        400,
        'VALIDATION_FAILED',
      );
      expect(nested.message).toBe('Request body is nested too deeply');
      const nul = expectErrorBody(
        await alice.post('/api/projects', { name: 'a\u0000b' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldPaths(nul)).toEqual(['body']);
      const nulInKey = expectErrorBody(
        await alice.post('/api/templates', { name: 'x', config: { 'a\u0000': 1 } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldPaths(nulInKey)).toEqual(['body']);
      const nulInQuery = expectErrorBody(
        await alice.get('/api/tasks?assignedAgentId=a%00b'),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldPaths(nulInQuery)).toEqual(['query']);
      expect(await snapshot(alice)).toEqual(before);
    });

    it('refuses a body on actions that take none', async () => {
      const project = await createProject(alice);
      expectErrorBody(
        await alice.post(`/api/projects/${project.id}/ready`, { force: true }),
        400,
        'VALIDATION_FAILED',
      );
      expect((await alice.get<ProjectView>(`/api/projects/${project.id}`)).body.status).toBe('DRAFT');
    });
  });

  describe('401 authentication', () => {
    it.each([
      ['no Authorization header', {}],
      ['another scheme', { authorization: 'Basic YWxpY2U6c2VjcmV0' }],
      ['an empty bearer', { authorization: 'Bearer ' }],
      ['a malformed key', { authorization: 'Bearer not-a-key' }],
      ['an unknown well-formed key', { authorization: `Bearer sk_${'A'.repeat(43)}` }],
    ])('answers 401 for %s', async (_, headers) => {
      const res = await platform.api.call('GET', '/api/projects', { key: null, headers });
      expectErrorBody(res, 401, 'UNAUTHENTICATED', '/api/projects');
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    });

    it('needs no key for health and the API documents', async () => {
      for (const path of ['/health/live', '/health/ready', '/api/openapi.json', '/api/docs']) {
        const res = await platform.api.get(path);
        expect([path, res.status]).toEqual([path, 200]);
      }
    });

    it('serves an OpenAPI 3 document covering every route of the API', async () => {
      const doc = (
        await platform.api.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
          '/api/openapi.json',
        )
      ).body;
      expect(doc.openapi).toMatch(/^3\./);
      const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(operations.sort()).toEqual(
        [
          'POST /api/templates',
          'GET /api/templates',
          'GET /api/templates/{id}',
          'POST /api/templates/{id}/versions',
          'GET /api/templates/{id}/versions',
          'GET /api/templates/{id}/versions/{version}',
          'POST /api/projects',
          'GET /api/projects',
          'GET /api/projects/{id}',
          'PATCH /api/projects/{id}',
          'DELETE /api/projects/{id}',
          'POST /api/projects/{id}/ready',
          'POST /api/runs',
          'GET /api/runs',
          'GET /api/runs/{id}',
          'GET /api/runs/{id}/events',
          'POST /api/runs/{id}/pause',
          'POST /api/runs/{id}/resume',
          'POST /api/runs/{id}/stop',
          'POST /api/tasks',
          'GET /api/tasks',
          'GET /api/tasks/{id}',
          'PATCH /api/tasks/{id}',
          'POST /api/comments',
          'GET /api/comments',
          'POST /api/comments/{id}/replies',
          'GET /api/comments/{id}/replies',
        ].sort(),
      );
    });
  });

  describe('404 missing and other tenants', () => {
    it('answers 404 with the resource code for ids that do not exist', async () => {
      expectErrorBody(await alice.get(`/api/templates/${MISSING}`), 404, 'TEMPLATE_NOT_FOUND');
      expectErrorBody(await alice.get(`/api/projects/${MISSING}`), 404, 'PROJECT_NOT_FOUND');
      expectErrorBody(await alice.get(`/api/runs/${MISSING}`), 404, 'RUN_NOT_FOUND');
      expectErrorBody(await alice.get(`/api/tasks/${MISSING}`), 404, 'TASK_NOT_FOUND');
      expectErrorBody(await alice.get(`/api/comments/${MISSING}/replies`), 404, 'COMMENT_NOT_FOUND');
      expectErrorBody(await alice.post('/api/runs', { projectId: MISSING }), 404, 'PROJECT_NOT_FOUND');
      expectErrorBody(
        await alice.post('/api/tasks', { runId: MISSING, title: 't', description: '' }),
        404,
        'RUN_NOT_FOUND',
      );
      expectErrorBody(
        await alice.post('/api/comments', { taskId: MISSING, commentType: 'NOTE', body: 'b' }),
        404,
        'TASK_NOT_FOUND',
      );
    });

    it('answers 404 for unknown routes and methods, with the request id', async () => {
      for (const [method, path] of [
        ['GET', '/api/widgets'],
        ['PUT', '/api/projects'],
        ['GET', '/nothing/here'],
      ] as const) {
        expectErrorBody(await alice.call(method, path), 404, 'ROUTE_NOT_FOUND', path);
      }
    });

    it('hides one tenant’s resources from another, and lets nothing change them', async () => {
      const template = await createTemplate(alice);
      const project = await createReadyProject(alice, { templateId: template.id });
      const run = await createRun(alice, project.id);
      const task = await createTask(alice, run.id);
      const comment = await createComment(alice, task.id);
      const before = await snapshot(alice);

      const attempts: [string, () => Promise<ApiResponse>][] = [
        ['get template', () => bob.get(`/api/templates/${template.id}`)],
        [
          'new template version',
          () => bob.post(`/api/templates/${template.id}/versions`, { name: 'mine now' }),
        ],
        ['list template versions', () => bob.get(`/api/templates/${template.id}/versions`)],
        ['get template version', () => bob.get(`/api/templates/${template.id}/versions/1`)],
        ['get project', () => bob.get(`/api/projects/${project.id}`)],
        ['edit project', () => bob.patch(`/api/projects/${project.id}`, { name: 'mine now' })],
        ['ready project', () => bob.post(`/api/projects/${project.id}/ready`)],
        ['delete project', () => bob.delete(`/api/projects/${project.id}`)],
        [
          'project on their template',
          () => bob.post('/api/projects', { name: 'x', templateId: template.id }),
        ],
        ['run their project', () => bob.post('/api/runs', { projectId: project.id })],
        ['get run', () => bob.get(`/api/runs/${run.id}`)],
        ['stop run', () => bob.post(`/api/runs/${run.id}/stop`)],
        ['pause run', () => bob.post(`/api/runs/${run.id}/pause`)],
        [
          'task under their run',
          () => bob.post('/api/tasks', { runId: run.id, title: 't', description: '' }),
        ],
        ['get task', () => bob.get(`/api/tasks/${task.id}`)],
        ['edit task', () => bob.patch(`/api/tasks/${task.id}`, { title: 'mine now' })],
        [
          'comment on their task',
          () => bob.post('/api/comments', { taskId: task.id, commentType: 'NOTE', body: 'b' }),
        ],
        ['reply to their comment', () => bob.post(`/api/comments/${comment.id}/replies`, { body: 'b' })],
        ['list their replies', () => bob.get(`/api/comments/${comment.id}/replies`)],
      ];
      for (const [what, attempt] of attempts) {
        const res = await attempt();
        expect([what, res.status]).toEqual([what, 404]);
        expect((res.body as HttpErrorBody).code).toMatch(/_NOT_FOUND$/);
      }

      // Bob's lists do not show Alice's rows, even filtered by her ids.
      expect((await bob.get<Page<ProjectView>>('/api/projects')).body.total).toBe(0);
      expect((await bob.get<Page<RunView>>(`/api/runs?projectId=${project.id}`)).body.total).toBe(0);
      expect((await bob.get<Page<TaskView>>(`/api/tasks?runId=${run.id}`)).body.total).toBe(0);
      expect((await bob.get<Page<unknown>>(`/api/comments?taskId=${task.id}`)).body.total).toBe(0);
      expect(await snapshot(alice)).toEqual(before);
    });
  });

  describe('409 conflicts and 413 size', () => {
    it('answers a second active run with 409 and writes nothing', async () => {
      const project = await createReadyProject(alice);
      await createRun(alice, project.id);
      const before = await snapshot(alice);
      expectErrorBody(await alice.post('/api/runs', { projectId: project.id }), 409, 'RUN_ALREADY_ACTIVE');
      expect(await snapshot(alice)).toEqual(before);
    });

    it('answers a body over 1 MiB with 413 and writes nothing', async () => {
      const before = await snapshot(alice);
      const res = await alice.post('/api/projects', {
        name: 'Huge',
        requirements: 'x'.repeat(1024 * 1024 + 10),
      });
      expectErrorBody(res, 413, 'PAYLOAD_TOO_LARGE', '/api/projects');
      expect(await snapshot(alice)).toEqual(before);
    });

    it('answers 413, not 503, for a body just under the limit that NATS could not carry', async () => {
      const task = await createTask(alice, (await createRun(alice, (await createReadyProject(alice)).id)).id);
      const before = await snapshot(alice);
      const metrics = { blob: 'x'.repeat(1024 * 1024 - 400) };
      const res = await alice.post('/api/comments', {
        taskId: task.id,
        commentType: 'NOTE',
        body: 'b',
        metrics,
      });
      expectErrorBody(res, 413, 'PAYLOAD_TOO_LARGE', '/api/comments');
      expect(await snapshot(alice)).toEqual(before);
    });
  });

  describe('rejected requests write nothing', () => {
    it('leaves every list as it was after each kind of refusal', async () => {
      const project = await createProject(alice, { name: 'Untouched' });
      const before = await snapshot(alice);
      const refusals: [string, () => Promise<ApiResponse>][] = [
        ['unknown field', () => alice.post('/api/projects', { name: 'x', extra: 1 })],
        ['invalid value', () => alice.post('/api/templates', { name: '' })],
        [
          'invalid config',
          () => alice.post('/api/templates', { name: 'x', config: { budget: { maxTokens: -1 } } }),
        ],
        ['malformed JSON', () => alice.post('/api/projects', '{')],
        ['no key', () => alice.post('/api/projects', { name: 'x' }, { key: null })],
        ['bad key', () => alice.post('/api/projects', { name: 'x' }, { key: `sk_${'B'.repeat(43)}` })],
        ['run of a DRAFT project', () => alice.post('/api/runs', { projectId: project.id })],
        [
          'edit with an unknown field',
          () => alice.patch(`/api/projects/${project.id}`, { name: 'y', status: 'READY' }),
        ],
        [
          'project on a missing template',
          () => alice.post('/api/projects', { name: 'x', templateId: MISSING }),
        ],
      ];
      for (const [what, refusal] of refusals) {
        const res = await refusal();
        expect([what, res.status >= 400 && res.status < 500]).toEqual([what, true]);
      }
      expect(await snapshot(alice)).toEqual(before);
    });
  });

  describe('request ids', () => {
    it('echoes a sane x-request-id on successes and errors, and replaces an unsafe one', async () => {
      const ok = await alice.get('/api/projects', { headers: { 'x-request-id': 'client-trace.1' } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-request-id')).toBe('client-trace.1');

      const notFound = await alice.get(`/api/projects/${MISSING}`, {
        headers: { 'x-request-id': 'client-trace.2' },
      });
      expect(expectErrorBody(notFound, 404, 'PROJECT_NOT_FOUND').requestId).toBe('client-trace.2');

      const unauthenticated = await platform.api.get('/api/projects', {
        headers: { 'x-request-id': 'client-trace.3' },
      });
      expect(unauthenticated.headers.get('x-request-id')).toBe('client-trace.3');

      const unsafe = await alice.get('/api/projects', { headers: { 'x-request-id': 'x'.repeat(129) } });
      expect(unsafe.headers.get('x-request-id')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );

      const a = await alice.get('/health/live');
      const b = await alice.get('/health/live');
      expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    });
  });

  // Last: these freeze and then stop project-service for good.
  describe('503 when project-service does not answer', () => {
    it('answers 503 while project-service hangs, and recovers when it comes back', async () => {
      platform.projectService.freeze();
      try {
        expectErrorBody(await alice.get('/api/projects'), 503, 'SERVICE_UNAVAILABLE', '/api/projects');
        const ready = await platform.api.get('/health/ready');
        expect(ready.status).toBe(503);
      } finally {
        platform.projectService.thaw();
      }
      await platform.waitUntilReady();
      expect((await alice.get('/api/projects')).status).toBe(200);
    });

    it('answers 503 with no details once project-service has stopped, for known and new keys alike', async () => {
      await platform.projectService.stop();
      const cachedKey = expectErrorBody(await alice.get('/api/projects'), 503, 'SERVICE_UNAVAILABLE');
      expect(cachedKey.details).toBeUndefined();
      expectErrorBody(
        await platform.api.get('/api/projects', {
          headers: { authorization: `Bearer sk_${'C'.repeat(43)}` },
        }),
        503,
        'SERVICE_UNAVAILABLE',
      );
      const ready = expectErrorBody(
        await platform.api.get('/health/ready'),
        503,
        'SERVICE_UNAVAILABLE',
        '/health/ready',
      );
      expect(ready.message).toContain('project-service');
      expect((await platform.api.get('/health/live')).status).toBe(200);
    });
  });
});
