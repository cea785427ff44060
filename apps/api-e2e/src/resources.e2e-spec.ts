/**
 * Real: the gateway and project-service as processes from the build, PostgreSQL (a database of this file's
 * own), NATS (a subject prefix of its own). Faked: nothing. Every endpoint of the REST API on its happy path
 * and the business rules of issue 2: template versions are immutable, a run's config snapshot is frozen,
 * state transitions are checked, one active run per project, lists are paged in a stable order.
 */
import type {
  CommentView,
  Page,
  ProjectView,
  ReplyView,
  RunView,
  TaskView,
  TaskWithChildrenView,
  TemplateVersionView,
  TemplateView,
} from '@shipyard/contracts';
import type { ApiClient } from './support/api-client';
import { expectErrorBody } from './support/error-body';
import {
  createComment,
  createProject,
  createReadyProject,
  createRun,
  createTask,
  createTemplate,
} from './support/factories';
import { Platform } from './support/platform';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function expectResource(view: { id: string; createdAt: string; updatedAt: string }): void {
  expect(view.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(view.createdAt).toMatch(ISO_UTC);
  expect(view.updatedAt).toMatch(ISO_UTC);
}

describe('REST API resources through the gateway', () => {
  let platform: Platform;
  let api: ApiClient;

  beforeAll(async () => {
    platform = await Platform.start();
    api = await platform.clientForNewTenant('resources');
  });

  afterAll(async () => {
    await platform?.close();
  });

  describe('Idempotency-Key on creates', () => {
    it('returns the first resource when a create is retried with the same key', async () => {
      const headers = { 'idempotency-key': 'e2e-retry-1' };
      const first = await api.post<ProjectView>('/api/projects', { name: 'Retried' }, { headers });
      const again = await api.post<ProjectView>('/api/projects', { name: 'Retried' }, { headers });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      const list = await api.get<Page<ProjectView>>('/api/projects?limit=100');
      expect(list.body.items.filter((p) => p.name === 'Retried')).toHaveLength(1);
    });

    it('answers a retried run create with the run it queued instead of 409', async () => {
      const project = await createReadyProject(api, { name: 'Retried run' });
      const headers = { 'idempotency-key': 'e2e-run-retry' };
      const first = await api.post<RunView>('/api/runs', { projectId: project.id }, { headers });
      const again = await api.post<RunView>('/api/runs', { projectId: project.id }, { headers });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      expectErrorBody(await api.post('/api/runs', { projectId: project.id }), 409, 'RUN_ALREADY_ACTIVE');
    });

    it('answers 409 when the key is reused for a different body, and 400 for a malformed key', async () => {
      const headers = { 'idempotency-key': 'e2e-reused' };
      expect((await api.post('/api/templates', { name: 'One' }, { headers })).status).toBe(201);
      const reused = await api.post('/api/templates', { name: 'Two' }, { headers });
      expectErrorBody(reused, 409, 'CONFLICT');
      const malformed = await api.post(
        '/api/templates',
        { name: 'x' },
        { headers: { 'idempotency-key': 'a b' } },
      );
      expectErrorBody(malformed, 400, 'VALIDATION_FAILED');
    });
  });

  describe('templates', () => {
    it('creates version 1 with the seed defaults filled in', async () => {
      const res = await api.post<TemplateView>('/api/templates', {
        name: 'Defaults',
        config: { budget: { maxTokens: 5000 } },
      });
      expect(res.status).toBe(201);
      expectResource(res.body);
      expect(res.body).toMatchObject({ name: 'Defaults', version: 1 });
      expect(res.body.config.budget).toEqual({ maxTokens: 5000, maxCostUsd: 25, onExceed: 'stop' });
      expect(res.body.config.roles).toMatchObject({
        pm: { model: 'gpt-4o' },
        lead: { model: 'gpt-4o' },
        developer: { model: 'gpt-4o-mini' },
        qa: { model: 'gpt-4o-mini' },
        docs: { model: 'gpt-4o-mini' },
        devops: { model: 'gpt-4o' },
        security: { model: 'gpt-4o' },
      });
    });

    it('makes editing a new immutable version and keeps every earlier one as it was', async () => {
      const template = await createTemplate(api, {
        name: 'Versioned',
        config: { review: { maxIterations: 2 } },
      });
      const v1 = await api.get<TemplateVersionView>(`/api/templates/${template.id}/versions/1`);
      expect(v1.status).toBe(200);

      const v2 = await api.post<TemplateVersionView>(`/api/templates/${template.id}/versions`, {
        description: 'Stricter review',
        config: { review: { maxIterations: 5 } },
      });
      expect(v2.status).toBe(201);
      expect(v2.body).toMatchObject({
        templateId: template.id,
        version: 2,
        name: 'Versioned',
        description: 'Stricter review',
      });
      expect(v2.body.config.review.maxIterations).toBe(5);

      const latest = await api.get<TemplateView>(`/api/templates/${template.id}`);
      expect(latest.body).toMatchObject({ id: template.id, version: 2, description: 'Stricter review' });

      const v1Again = await api.get<TemplateVersionView>(`/api/templates/${template.id}/versions/1`);
      expect(v1Again.body).toEqual(v1.body);
      expect(v1Again.body.config.review.maxIterations).toBe(2);

      const versions = await api.get<Page<TemplateVersionView>>(`/api/templates/${template.id}/versions`);
      expect(versions.status).toBe(200);
      expect(versions.body).toMatchObject({ total: 2, skip: 0, limit: 20 });
      expect(versions.body.items.map((v) => v.version)).toEqual([1, 2]);

      expectErrorBody(
        await api.get(`/api/templates/${template.id}/versions/3`),
        404,
        'TEMPLATE_VERSION_NOT_FOUND',
      );
      // There is no route that changes a version in place.
      expectErrorBody(
        await api.patch(`/api/templates/${template.id}/versions/1`, { name: 'x' }),
        404,
        'ROUTE_NOT_FOUND',
      );
    });

    it('gives concurrent edits distinct, consecutive versions', async () => {
      const template = await createTemplate(api, { name: 'Busy' });
      const edits = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          api.post<TemplateVersionView>(`/api/templates/${template.id}/versions`, { name: `Edit ${i}` }),
        ),
      );
      expect(edits.map((res) => res.status)).toEqual([201, 201, 201, 201]);
      expect(edits.map((res) => res.body.version).sort()).toEqual([2, 3, 4, 5]);
      expect((await api.get<TemplateView>(`/api/templates/${template.id}`)).body.version).toBe(5);
    });

    it('lists templates newest first', async () => {
      const older = await createTemplate(api, { name: 'Older' });
      const newer = await createTemplate(api, { name: 'Newer' });
      const list = await api.get<Page<TemplateView>>('/api/templates?limit=100');
      expect(list.status).toBe(200);
      const ids = list.body.items.map((t) => t.id);
      expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
      expect(list.body.total).toBe(ids.length);
    });
  });

  describe('projects', () => {
    it('creates a DRAFT pinned to the template latest version, edits it, and marks it READY', async () => {
      const template = await createTemplate(api, { name: 'For projects' });
      await api.post(`/api/templates/${template.id}/versions`, { config: { deadlineMinutes: 30 } });

      const created = await api.post<ProjectView>('/api/projects', {
        name: 'P',
        requirements: 'Build it',
        templateId: template.id,
      });
      expect(created.status).toBe(201);
      expectResource(created.body);
      expect(created.body).toMatchObject({
        status: 'DRAFT',
        templateId: template.id,
        templateVersion: 2,
        activeRunId: null,
        configPatch: {},
      });

      const edited = await api.patch<ProjectView>(`/api/projects/${created.body.id}`, {
        name: 'P2',
        templateVersion: 1,
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ name: 'P2', templateVersion: 1, status: 'DRAFT' });

      const ready = await api.post<ProjectView>(`/api/projects/${created.body.id}/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('READY');

      const fetched = await api.get<ProjectView>(`/api/projects/${created.body.id}`);
      expect(fetched.body).toEqual(ready.body);
    });

    it('sends a READY project whose definition changes back to DRAFT', async () => {
      const project = await createReadyProject(api);
      const edited = await api.patch<ProjectView>(`/api/projects/${project.id}`, {
        requirements: 'Something else entirely',
      });
      expect(edited.body.status).toBe('DRAFT');
    });

    it('filters the list by status', async () => {
      const draft = await createProject(api, { name: 'Draft one' });
      const ready = await createReadyProject(api, { name: 'Ready one' });
      const readyList = await api.get<Page<ProjectView>>('/api/projects?status=READY&limit=100');
      expect(readyList.body.items.every((p) => p.status === 'READY')).toBe(true);
      expect(readyList.body.items.map((p) => p.id)).toContain(ready.id);
      expect(readyList.body.items.map((p) => p.id)).not.toContain(draft.id);
    });

    it('deletes a project that has no active run', async () => {
      const project = await createProject(api);
      const deleted = await api.delete(`/api/projects/${project.id}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toEqual({ id: project.id, deleted: true });
      expectErrorBody(await api.get(`/api/projects/${project.id}`), 404, 'PROJECT_NOT_FOUND');
    });

    it('refuses to ready a project without requirements, with 409', async () => {
      const project = await createProject(api, { requirements: '' });
      const res = await api.post(`/api/projects/${project.id}/ready`);
      expect(res.status).toBe(409);
      expect((await api.get<ProjectView>(`/api/projects/${project.id}`)).body.status).toBe('DRAFT');
    });
  });

  describe('runs', () => {
    it('freezes the merged config: template version, then project patch, then run patch', async () => {
      const template = await createTemplate(api, { config: { budget: { maxTokens: 1000, maxCostUsd: 1 } } });
      const project = await createReadyProject(api, {
        templateId: template.id,
        configPatch: { budget: { maxCostUsd: 2 }, review: { maxIterations: 4 } },
      });
      const run = await api.post<RunView>('/api/runs', {
        projectId: project.id,
        configPatch: { review: { maxIterations: 1 } },
      });
      expect(run.status).toBe(201);
      expectResource(run.body);
      expect(run.body).toMatchObject({
        projectId: project.id,
        status: 'QUEUED',
        startedAt: null,
        finishedAt: null,
        finalReport: null,
      });
      expect(run.body.configSnapshot.budget).toEqual({ maxTokens: 1000, maxCostUsd: 2, onExceed: 'stop' });
      expect(run.body.configSnapshot.review.maxIterations).toBe(1);
      expect(run.body.usage).toEqual({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });

      const project2 = await api.get<ProjectView>(`/api/projects/${project.id}`);
      expect(project2.body).toMatchObject({ status: 'RUNNING', activeRunId: run.body.id });

      // Edits after the run started change nothing in its snapshot.
      await api.post(`/api/templates/${template.id}/versions`, {
        config: { budget: { maxTokens: 999_999 } },
      });
      expectErrorBody(
        await api.patch(`/api/projects/${project.id}`, { configPatch: {} }),
        409,
        'INVALID_STATE_TRANSITION',
      );
      await api.post(`/api/runs/${run.body.id}/stop`, { reason: 'edit the project' });
      const edited = await api.patch<ProjectView>(`/api/projects/${project.id}`, {
        configPatch: { budget: { maxCostUsd: 9 } },
      });
      expect(edited.status).toBe(200);

      const frozen = await api.get<RunView>(`/api/runs/${run.body.id}`);
      expect(frozen.body.configSnapshot).toEqual(run.body.configSnapshot);
    });

    it('allows one active run per project and checks every lifecycle transition', async () => {
      const project = await createReadyProject(api);
      const run = await createRun(api, project.id);
      expectErrorBody(await api.post('/api/runs', { projectId: project.id }), 409, 'RUN_ALREADY_ACTIVE');
      expectErrorBody(await api.delete(`/api/projects/${project.id}`), 409, 'PROJECT_HAS_ACTIVE_RUN');

      const paused = await api.post<RunView>(`/api/runs/${run.id}/pause`);
      expect(paused.status).toBe(200);
      expect(paused.body.status).toBe('PAUSED');
      expectErrorBody(await api.post(`/api/runs/${run.id}/pause`), 409, 'INVALID_STATE_TRANSITION');

      const resumed = await api.post<RunView>(`/api/runs/${run.id}/resume`, {});
      expect(resumed.status).toBe(200);
      // It never started, so resume puts it back in the queue.
      expect(resumed.body.status).toBe('QUEUED');
      expectErrorBody(await api.post(`/api/runs/${run.id}/resume`), 409, 'INVALID_STATE_TRANSITION');

      const stopped = await api.post<RunView>(`/api/runs/${run.id}/stop`, { reason: 'Requirements changed' });
      expect(stopped.status).toBe(200);
      expect(stopped.body).toMatchObject({ status: 'STOPPED_USER', statusReason: 'Requirements changed' });
      expectErrorBody(await api.post(`/api/runs/${run.id}/stop`), 409, 'INVALID_STATE_TRANSITION');

      // The project is free again: a new run may start, and it is a different run.
      const again = await createRun(api, project.id);
      expect(again.id).not.toBe(run.id);
    });

    it('keeps one active run when several are requested at once', async () => {
      const project = await createReadyProject(api);
      const attempts = await Promise.all(
        Array.from({ length: 5 }, () => api.post<RunView>('/api/runs', { projectId: project.id })),
      );
      const statuses = attempts.map((res) => res.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409]);
      const winner = attempts.find((res) => res.status === 201)?.body;
      const runs = await api.get<Page<RunView>>(`/api/runs?projectId=${project.id}`);
      expect(runs.body.items.map((run) => run.id)).toEqual([winner?.id]);
      expect((await api.get<ProjectView>(`/api/projects/${project.id}`)).body.activeRunId).toBe(winner?.id);
    });

    it('refuses a run of a DRAFT project', async () => {
      const project = await createProject(api);
      const res = await api.post('/api/runs', { projectId: project.id });
      expectErrorBody(res, 409, 'PROJECT_NOT_READY');
    });

    it('lists runs by project and status', async () => {
      const project = await createReadyProject(api);
      const first = await createRun(api, project.id);
      await api.post(`/api/runs/${first.id}/stop`);
      const second = await createRun(api, project.id);

      const all = await api.get<Page<RunView>>(`/api/runs?projectId=${project.id}`);
      expect(all.body.total).toBe(2);
      expect(all.body.items.map((r) => r.id)).toEqual([second.id, first.id]);

      const stopped = await api.get<Page<RunView>>(`/api/runs?projectId=${project.id}&status=STOPPED_USER`);
      expect(stopped.body.items.map((r) => r.id)).toEqual([first.id]);
    });
  });

  describe('tasks and comments', () => {
    let run: RunView;

    beforeAll(async () => {
      run = await createRun(api, (await createReadyProject(api, { name: 'Tasks' })).id);
    });

    it('builds a task tree with dependencies and shows a task with its children', async () => {
      const parent = await createTask(api, run.id, {
        title: 'Backend',
        acceptanceCriteria: ['CRUD works', 'Tests pass'],
      });
      expectResource(parent);
      expect(parent).toMatchObject({
        runId: run.id,
        status: 'PENDING',
        parentTaskId: null,
        dependsOn: [],
        assignedRole: null,
      });
      const model = await createTask(api, run.id, { title: 'Model', parentTaskId: parent.id });
      const routes = await createTask(api, run.id, {
        title: 'Routes',
        parentTaskId: parent.id,
        dependsOn: [model.id],
      });
      expect(routes.dependsOn).toEqual([model.id]);

      const withChildren = await api.get<TaskWithChildrenView>(`/api/tasks/${parent.id}`);
      expect(withChildren.status).toBe(200);
      expect(withChildren.body.acceptanceCriteria).toEqual(['CRUD works', 'Tests pass']);
      expect(withChildren.body.children.map((t) => t.id).sort()).toEqual([model.id, routes.id].sort());

      const children = await api.get<Page<TaskView>>(`/api/tasks?runId=${run.id}&parentTaskId=${parent.id}`);
      expect(children.body.items.map((t) => t.id)).toEqual([model.id, routes.id]);

      // A dependency back onto the task that depends on it would be a cycle.
      expectErrorBody(
        await api.patch(`/api/tasks/${model.id}`, { dependsOn: [routes.id] }),
        409,
        'DEPENDENCY_CYCLE',
      );
    });

    it('assigns and moves a task through allowed statuses only', async () => {
      const task = await createTask(api, run.id, { title: 'Assignable' });
      const assigned = await api.patch<TaskView>(`/api/tasks/${task.id}`, {
        status: 'IN_PROGRESS',
        assignedRole: 'developer',
        assignedAgentId: 'dev-1',
      });
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({
        status: 'IN_PROGRESS',
        assignedRole: 'developer',
        assignedAgentId: 'dev-1',
      });

      const byAgent = await api.get<Page<TaskView>>(`/api/tasks?assignedAgentId=dev-1&status=IN_PROGRESS`);
      expect(byAgent.body.items.map((t) => t.id)).toEqual([task.id]);

      await api.patch(`/api/tasks/${task.id}`, { status: 'DONE' });
      expectErrorBody(
        await api.patch(`/api/tasks/${task.id}`, { status: 'IN_PROGRESS' }),
        409,
        'INVALID_STATE_TRANSITION',
      );
      const cleared = await api.patch<TaskView>(`/api/tasks/${task.id}`, {
        assignedAgentId: null,
        assignedRole: null,
      });
      expect(cleared.body).toMatchObject({ assignedAgentId: null, assignedRole: null, status: 'DONE' });
    });

    it('keeps an audit trail of comments with threaded replies', async () => {
      const task = await createTask(api, run.id, { title: 'Commented' });
      const comment = await createComment(api, task.id, {
        commentType: 'REVIEW',
        body: 'Needs input validation',
        authorRole: 'lead',
        agentId: 'lead-1',
        metrics: { issues: 2 },
        blockers: ['No schema'],
        nextSteps: ['Add a DTO'],
      });
      expectResource(comment);
      expect(comment).toMatchObject({
        taskId: task.id,
        runId: run.id,
        commentType: 'REVIEW',
        authorRole: 'lead',
        agentId: 'lead-1',
        metrics: { issues: 2 },
        blockers: ['No schema'],
        nextSteps: ['Add a DTO'],
        replyCount: 0,
      });
      const note = await createComment(api, task.id);
      expect(note.authorRole).toBe('user');

      const reply = await api.post<ReplyView>(`/api/comments/${comment.id}/replies`, { body: 'On it' });
      expect(reply.status).toBe(201);
      expectResource(reply.body);
      expect(reply.body).toMatchObject({ commentId: comment.id, parentReplyId: null, body: 'On it' });
      const answer = await api.post<ReplyView>(`/api/comments/${comment.id}/replies`, {
        body: 'Thanks',
        parentReplyId: reply.body.id,
        authorRole: 'lead',
      });
      expect(answer.body.parentReplyId).toBe(reply.body.id);

      const replies = await api.get<Page<ReplyView>>(`/api/comments/${comment.id}/replies`);
      expect(replies.body.items.map((r) => r.id)).toEqual([reply.body.id, answer.body.id]);

      const trail = await api.get<Page<CommentView>>(`/api/comments?taskId=${task.id}`);
      expect(trail.body.items.map((c) => c.id)).toEqual([comment.id, note.id]);
      expect(trail.body.items[0]?.replyCount).toBe(2);

      const reviews = await api.get<Page<CommentView>>(
        `/api/comments?taskId=${task.id}&commentType=REVIEW&agentId=lead-1`,
      );
      expect(reviews.body.items.map((c) => c.id)).toEqual([comment.id]);
    });
  });

  describe('pagination', () => {
    it('pages a list without gaps or repeats, in a stable order, with its bounds', async () => {
      const tenant = await platform.clientForNewTenant('paging');
      const created: string[] = [];
      for (let i = 0; i < 7; i += 1) created.push((await createProject(tenant, { name: `Project ${i}` })).id);

      const pages: string[] = [];
      for (const skip of [0, 3, 6]) {
        const page = await tenant.get<Page<ProjectView>>(`/api/projects?skip=${skip}&limit=3`);
        expect(page.body).toMatchObject({ total: 7, skip, limit: 3 });
        pages.push(...page.body.items.map((p) => p.id));
      }
      // Newest first, every project exactly once.
      expect(pages).toEqual([...created].reverse());

      const again = await tenant.get<Page<ProjectView>>('/api/projects?skip=0&limit=3');
      expect(again.body.items.map((p) => p.id)).toEqual(pages.slice(0, 3));

      const beyond = await tenant.get<Page<ProjectView>>('/api/projects?skip=50');
      expect(beyond.body).toEqual({ items: [], total: 7, skip: 50, limit: 20 });

      const max = await tenant.get<Page<ProjectView>>('/api/projects?limit=100');
      expect(max.body.items).toHaveLength(7);
    });
  });
});
