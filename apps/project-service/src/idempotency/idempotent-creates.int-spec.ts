/**
 * Real: project-service in-process, PostgreSQL (a clone of the migrated template), NATS with this file's own
 * prefix; driven over NATS as the gateway does. Faked: nothing.
 * A client that retries a create with the same Idempotency-Key must get the first answer, not a duplicate.
 */
import {
  CreateComment,
  CreateProject,
  CreateReply,
  CreateRun,
  CreateTask,
  CreateTemplate,
  CreateTemplateVersion,
  MarkProjectReady,
} from '@shipyard/contracts';
import { startProjectServiceHarness, type ProjectServiceHarness } from '../testing/project-service.harness';

describe('idempotent creates over NATS', () => {
  let h: ProjectServiceHarness;
  let tenantId: string;
  let otherTenantId: string;

  beforeAll(async () => {
    h = await startProjectServiceHarness();
    tenantId = (await h.tenant()).tenantId;
    otherTenantId = (await h.tenant('other')).tenantId;
  });

  afterAll(async () => {
    await h.close();
  });

  const send = <T>(subject: string, body: object): Promise<T> => h.client.request<T>(subject, body);

  it('answers a retried create with the first resource and writes one row', async () => {
    const request = { tenantId, name: 'Once', idempotencyKey: 'tpl-once-1' };
    const first = await send<CreateTemplate.Reply>(CreateTemplate.Subject, request);
    const again = await send<CreateTemplate.Reply>(CreateTemplate.Subject, request);
    expect(again).toEqual(first);
    expect(await h.count('project_templates', 'tenant_id = $1', [tenantId])).toBe(1);
  });

  it('does not care about the order of fields in the retried request', async () => {
    const first = await send<CreateTemplate.Reply>(CreateTemplate.Subject, {
      tenantId,
      name: 'Ordered',
      config: { budget: { maxTokens: 10, maxCostUsd: 1 } },
      idempotencyKey: 'tpl-order',
    });
    const again = await send<CreateTemplate.Reply>(CreateTemplate.Subject, {
      idempotencyKey: 'tpl-order',
      config: { budget: { maxCostUsd: 1, maxTokens: 10 } },
      name: 'Ordered',
      tenantId,
    });
    expect(again.id).toBe(first.id);
  });

  it('refuses the same key for a different request, writing nothing', async () => {
    await send(CreateTemplate.Subject, { tenantId, name: 'A', idempotencyKey: 'tpl-reused' });
    const before = await h.count('project_templates', 'tenant_id = $1', [tenantId]);
    await expect(
      send(CreateTemplate.Subject, { tenantId, name: 'B', idempotencyKey: 'tpl-reused' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      send(CreateProject.Subject, { tenantId, name: 'A', idempotencyKey: 'tpl-reused' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await h.count('project_templates', 'tenant_id = $1', [tenantId])).toBe(before);
  });

  it('keeps keys apart per tenant', async () => {
    const mine = await send<CreateTemplate.Reply>(CreateTemplate.Subject, {
      tenantId,
      name: 'Mine',
      idempotencyKey: 'shared-key',
    });
    const theirs = await send<CreateTemplate.Reply>(CreateTemplate.Subject, {
      tenantId: otherTenantId,
      name: 'Mine',
      idempotencyKey: 'shared-key',
    });
    expect(theirs.id).not.toBe(mine.id);
  });

  it('lets concurrent retries of one create make exactly one resource', async () => {
    const request = { tenantId, name: 'Racing project', idempotencyKey: 'project-race' };
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => send<CreateProject.Reply>(CreateProject.Subject, request)),
    );
    expect(new Set(replies.map((reply) => reply.id)).size).toBe(1);
    expect(await h.count('projects', 'tenant_id = $1 AND name = $2', [tenantId, 'Racing project'])).toBe(1);
  });

  it('covers versions, tasks, comments and replies too', async () => {
    const template = await send<CreateTemplate.Reply>(CreateTemplate.Subject, { tenantId, name: 'Base' });
    const versionRequest = { tenantId, id: template.id, name: 'Base v2', idempotencyKey: 'v2' };
    const v2 = await send<CreateTemplateVersion.Reply>(CreateTemplateVersion.Subject, versionRequest);
    expect(await send(CreateTemplateVersion.Subject, versionRequest)).toEqual(v2);
    expect(v2.version).toBe(2);

    const project = await send<CreateProject.Reply>(CreateProject.Subject, {
      tenantId,
      name: 'With a run',
      requirements: 'Build a thing.',
    });
    await send(MarkProjectReady.Subject, { tenantId, id: project.id });
    const run = await send<CreateRun.Reply>(CreateRun.Subject, { tenantId, projectId: project.id });

    const taskRequest = { tenantId, runId: run.id, title: 'T', description: 'd', idempotencyKey: 'task-1' };
    const task = await send<CreateTask.Reply>(CreateTask.Subject, taskRequest);
    expect(await send(CreateTask.Subject, taskRequest)).toEqual(task);

    const commentRequest = {
      tenantId,
      taskId: task.id,
      commentType: 'NOTE',
      body: 'hello',
      idempotencyKey: 'comment-1',
    };
    const comment = await send<CreateComment.Reply>(CreateComment.Subject, commentRequest);
    expect((await send<CreateComment.Reply>(CreateComment.Subject, commentRequest)).id).toBe(comment.id);

    const replyRequest = { tenantId, id: comment.id, body: 'hi', idempotencyKey: 'reply-1' };
    const reply = await send<CreateReply.Reply>(CreateReply.Subject, replyRequest);
    expect(await send(CreateReply.Subject, replyRequest)).toEqual(reply);

    expect(await h.count('tasks', 'run_id = $1', [run.id])).toBe(1);
    expect(await h.count('task_comments', 'task_id = $1', [task.id])).toBe(1);
    expect(await h.count('replies', 'comment_id = $1', [comment.id])).toBe(1);
  });

  it('answers a retried run create with the run it queued, not RUN_ALREADY_ACTIVE', async () => {
    const project = await send<CreateProject.Reply>(CreateProject.Subject, {
      tenantId,
      name: 'Retried run',
      requirements: 'Build a thing.',
    });
    await send(MarkProjectReady.Subject, { tenantId, id: project.id });
    const request = { tenantId, projectId: project.id, idempotencyKey: 'run-1' };
    const run = await send<CreateRun.Reply>(CreateRun.Subject, request);
    expect(await send(CreateRun.Subject, request)).toEqual(run);
    expect(await h.count('project_runs', 'project_id = $1', [project.id])).toBe(1);
    // Without the key, a second create is refused: the project already has an active run.
    await expect(send(CreateRun.Subject, { tenantId, projectId: project.id })).rejects.toMatchObject({
      code: 'RUN_ALREADY_ACTIVE',
    });
    // The same key for another body is refused and writes nothing.
    await expect(
      send(CreateRun.Subject, { ...request, configPatch: { deadlineMinutes: 5 } }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await h.count('project_runs', 'project_id = $1', [project.id])).toBe(1);
  });

  it('refuses a malformed key', async () => {
    await expect(
      send(CreateTemplate.Subject, { tenantId, name: 'x', idempotencyKey: 'has spaces' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
