/**
 * Real: project-service in-process, PostgreSQL (a clone of the migrated template), NATS with a prefix of
 * this file's own, driven with NatsRpcClient as the gateway does. Faked: nothing.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateComment,
  CreateProject,
  CreateReply,
  CreateRun,
  CreateTask,
  ListComments,
  ListReplies,
  MarkProjectReady,
  type CommentView,
  type ProjectView,
  type ReplyView,
  type RunView,
  type TaskView,
} from '@shipyard/contracts';
import { startProjectServiceHarness, type ProjectServiceHarness } from '../testing/project-service.harness';

describe('project-service comments and replies over NATS', () => {
  let h: ProjectServiceHarness;
  let tenantId: string;
  let task: TaskView;

  beforeAll(async () => {
    h = await startProjectServiceHarness();
    tenantId = (await h.tenant()).tenantId;
    task = await newTask();
  });

  afterAll(async () => {
    await h.close();
  });

  async function newTask(): Promise<TaskView> {
    const project = await h.client.request<ProjectView>(CreateProject.Subject, {
      tenantId,
      name: 'P',
      requirements: 'r',
    });
    await h.client.request(MarkProjectReady.Subject, { tenantId, id: project.id });
    const run = await h.client.request<RunView>(CreateRun.Subject, { tenantId, projectId: project.id });
    return h.client.request<TaskView>(CreateTask.Subject, {
      tenantId,
      runId: run.id,
      title: 'T',
      description: '',
    });
  }
  const comment = (body: Partial<CreateComment.Body> = {}, taskId = task.id) =>
    h.client.request<CommentView>(CreateComment.Subject, {
      tenantId,
      taskId,
      commentType: 'NOTE',
      body: 'hello',
      ...body,
    });
  const reply = (commentId: string, body: Partial<CreateReply.Body> = {}) =>
    h.client.request<ReplyView>(CreateReply.Subject, { tenantId, id: commentId, body: 're', ...body });

  it('records a comment with defaults and agent fields', async () => {
    const plain = await comment();
    expect(plain).toMatchObject({
      taskId: task.id,
      runId: task.runId,
      commentType: 'NOTE',
      authorRole: 'user',
      agentId: null,
      metrics: {},
      blockers: [],
      nextSteps: [],
      replyCount: 0,
    });
    const report = await comment({
      commentType: 'TEST_REPORT',
      authorRole: 'qa',
      agentId: 'qa-1',
      metrics: { passed: 10, failed: 1 },
      blockers: ['flaky db'],
      nextSteps: ['fix', 'rerun'],
    });
    expect(report).toMatchObject({
      authorRole: 'qa',
      agentId: 'qa-1',
      metrics: { passed: 10, failed: 1 },
      nextSteps: ['fix', 'rerun'],
    });
  });

  it('refuses a comment on a missing or foreign task and an unknown type, writing nothing', async () => {
    const before = await h.count('task_comments');
    await expect(comment({}, randomUUID())).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
    const other = (await h.tenant('other')).tenantId;
    await expect(
      h.client.request(CreateComment.Subject, {
        tenantId: other,
        taskId: task.id,
        commentType: 'NOTE',
        body: 'x',
      }),
    ).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
    await expect(comment({ commentType: 'GOSSIP' as never })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await h.count('task_comments')).toBe(before);
  });

  it('lists with filters, oldest first, with reply counts', async () => {
    const t = await newTask();
    const c1 = await comment({ commentType: 'REVIEW', authorRole: 'lead', agentId: 'lead-1' }, t.id);
    const c2 = await comment({ commentType: 'REVIEW', authorRole: 'lead', agentId: 'lead-2' }, t.id);
    const c3 = await comment({ commentType: 'NOTE' }, t.id);
    await reply(c1.id);
    await reply(c1.id);
    const all = await h.client.request<ListComments.Reply>(ListComments.Subject, { tenantId, taskId: t.id });
    expect(all.items.map((c) => [c.id, c.replyCount])).toEqual([
      [c1.id, 2],
      [c2.id, 0],
      [c3.id, 0],
    ]);
    const reviews = await h.client.request<ListComments.Reply>(ListComments.Subject, {
      tenantId,
      taskId: t.id,
      commentType: 'REVIEW',
      agentId: 'lead-2',
    });
    expect(reviews).toMatchObject({ total: 1, items: [expect.objectContaining({ id: c2.id })] });
    const other = (await h.tenant('other-list')).tenantId;
    const theirs = await h.client.request<ListComments.Reply>(ListComments.Subject, {
      tenantId: other,
      taskId: t.id,
    });
    expect(theirs.total).toBe(0);
  });

  it('threads replies within one comment and lists them oldest first', async () => {
    const c = await comment();
    const first = await reply(c.id, { body: 'first' });
    const answer = await reply(c.id, {
      body: 'answer',
      parentReplyId: first.id,
      authorRole: 'pm',
      agentId: 'pm-1',
    });
    expect(answer).toMatchObject({
      commentId: c.id,
      parentReplyId: first.id,
      authorRole: 'pm',
      agentId: 'pm-1',
    });
    expect(first).toMatchObject({ parentReplyId: null, authorRole: 'user' });
    const page = await h.client.request<ListReplies.Reply>(ListReplies.Subject, { tenantId, id: c.id });
    expect(page).toMatchObject({ total: 2, skip: 0, limit: 20 });
    expect(page.items.map((r) => r.id)).toEqual([first.id, answer.id]);

    const elsewhere = await comment();
    const foreignReply = await reply(elsewhere.id);
    await expect(reply(c.id, { parentReplyId: foreignReply.id })).rejects.toMatchObject({
      code: 'REPLY_NOT_FOUND',
    });
    await expect(reply(randomUUID())).rejects.toMatchObject({ code: 'COMMENT_NOT_FOUND' });
    await expect(h.client.request(ListReplies.Subject, { tenantId, id: randomUUID() })).rejects.toMatchObject(
      {
        code: 'COMMENT_NOT_FOUND',
      },
    );
    const other = (await h.tenant('other-replies')).tenantId;
    await expect(
      h.client.request(CreateReply.Subject, { tenantId: other, id: c.id, body: 'x' }),
    ).rejects.toMatchObject({ code: 'COMMENT_NOT_FOUND' });
  });
});
