/**
 * Real: project-service in-process, PostgreSQL (a clone of the migrated template), NATS with a prefix of
 * this file's own, driven with NatsRpcClient as the gateway does. Faked: nothing.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateProject,
  CreateRun,
  CreateTask,
  GetTask,
  ListTasks,
  MarkProjectReady,
  UpdateTask,
  type ProjectView,
  type RunView,
  type TaskView,
  type TaskWithChildrenView,
} from '@shipyard/contracts';
import { startProjectServiceHarness, type ProjectServiceHarness } from '../testing/project-service.harness';

describe('project-service tasks over NATS', () => {
  let h: ProjectServiceHarness;
  let tenantId: string;

  beforeAll(async () => {
    h = await startProjectServiceHarness();
    tenantId = (await h.tenant()).tenantId;
  });

  afterAll(async () => {
    await h.close();
  });

  async function newRun(): Promise<RunView> {
    const project = await h.client.request<ProjectView>(CreateProject.Subject, {
      tenantId,
      name: 'P',
      requirements: 'r',
    });
    await h.client.request(MarkProjectReady.Subject, { tenantId, id: project.id });
    return h.client.request<RunView>(CreateRun.Subject, { tenantId, projectId: project.id });
  }
  const createTask = (runId: string, body: Partial<CreateTask.Body> = {}) =>
    h.client.request<TaskView>(CreateTask.Subject, {
      tenantId,
      runId,
      title: 'Task',
      description: 'd',
      ...body,
    });
  const updateTask = (id: string, body: Partial<UpdateTask.Body>) =>
    h.client.request<TaskView>(UpdateTask.Subject, { tenantId, id, ...body });

  it('builds a tree with dependencies and acceptance criteria; get shows children oldest first', async () => {
    const run = await newRun();
    const root = await createTask(run.id, { title: 'Epic', acceptanceCriteria: ['works', 'tested'] });
    const a = await createTask(run.id, { title: 'A', parentTaskId: root.id });
    const b = await createTask(run.id, { title: 'B', parentTaskId: root.id, dependsOn: [a.id] });
    expect(root).toMatchObject({
      status: 'PENDING',
      parentTaskId: null,
      acceptanceCriteria: ['works', 'tested'],
    });
    expect(b).toMatchObject({
      parentTaskId: root.id,
      dependsOn: [a.id],
      assignedRole: null,
      assignedAgentId: null,
    });
    const got = await h.client.request<TaskWithChildrenView>(GetTask.Subject, { tenantId, id: root.id });
    expect(got.children.map((c) => c.id)).toEqual([a.id, b.id]);
  });

  it('refuses parents and dependencies outside the run, and writes nothing', async () => {
    const run = await newRun();
    const elsewhere = await createTask((await newRun()).id);
    const before = await h.count('tasks');
    await expect(createTask(run.id, { parentTaskId: elsewhere.id })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ path: 'parentTaskId' })],
    });
    await expect(createTask(run.id, { dependsOn: [randomUUID()] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ path: 'dependsOn' })],
    });
    await expect(createTask(randomUUID())).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    expect(await h.count('tasks')).toBe(before);
  });

  it('refuses a dependency cycle and a self-dependency', async () => {
    const run = await newRun();
    const a = await createTask(run.id, { title: 'A' });
    const b = await createTask(run.id, { title: 'B', dependsOn: [a.id] });
    const c = await createTask(run.id, { title: 'C', dependsOn: [b.id] });
    await expect(updateTask(a.id, { dependsOn: [c.id] })).rejects.toMatchObject({
      code: 'DEPENDENCY_CYCLE',
      details: { cycle: expect.arrayContaining([a.id, b.id, c.id]) as unknown },
    });
    await expect(updateTask(a.id, { dependsOn: [a.id] })).rejects.toMatchObject({ code: 'DEPENDENCY_CYCLE' });
    const unchanged = await h.client.request<TaskView>(GetTask.Subject, { tenantId, id: a.id });
    expect(unchanged.dependsOn).toEqual([]);
    await expect(updateTask(c.id, { dependsOn: [a.id, b.id] })).resolves.toMatchObject({
      dependsOn: [a.id, b.id],
    });
  });

  it('lets only one of two simultaneous opposite dependency edits win', async () => {
    const run = await newRun();
    for (let round = 0; round < 5; round += 1) {
      const a = await createTask(run.id, { title: `A${round}` });
      const b = await createTask(run.id, { title: `B${round}` });
      const results = await Promise.allSettled([
        updateTask(a.id, { dependsOn: [b.id] }),
        updateTask(b.id, { dependsOn: [a.id] }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(lost?.reason).toMatchObject({ code: 'DEPENDENCY_CYCLE' });
    }
  });

  it('moves through the transition table, accepts a repeated status, refuses leaving DONE', async () => {
    const run = await newRun();
    const task = await createTask(run.id);
    await expect(
      updateTask(task.id, { status: 'IN_PROGRESS', assignedRole: 'developer', assignedAgentId: 'dev-1' }),
    ).resolves.toMatchObject({ status: 'IN_PROGRESS', assignedRole: 'developer', assignedAgentId: 'dev-1' });
    await expect(updateTask(task.id, { status: 'IN_PROGRESS' })).resolves.toMatchObject({
      status: 'IN_PROGRESS',
    });
    await expect(updateTask(task.id, { status: 'IN_REVIEW' })).resolves.toMatchObject({
      status: 'IN_REVIEW',
    });
    await expect(updateTask(task.id, { status: 'DONE', assignedAgentId: null })).resolves.toMatchObject({
      status: 'DONE',
      assignedAgentId: null,
    });
    await expect(updateTask(task.id, { status: 'IN_PROGRESS' })).rejects.toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      details: { from: 'DONE', to: 'IN_PROGRESS' },
    });
    await expect(updateTask(task.id, { status: 'SLEEPING' as never })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('lists with filters, oldest first, and hides other tenants', async () => {
    const run = await newRun();
    const parent = await createTask(run.id, { title: 'parent' });
    const t1 = await createTask(run.id, { title: 't1', parentTaskId: parent.id });
    const t2 = await createTask(run.id, { title: 't2', parentTaskId: parent.id });
    await updateTask(t2.id, { status: 'IN_PROGRESS', assignedAgentId: 'dev-7' });
    const byRun = await h.client.request<ListTasks.Reply>(ListTasks.Subject, { tenantId, runId: run.id });
    expect(byRun.items.map((t) => t.id)).toEqual([parent.id, t1.id, t2.id]);
    const byChild = await h.client.request<ListTasks.Reply>(ListTasks.Subject, {
      tenantId,
      parentTaskId: parent.id,
      limit: 1,
      skip: 1,
    });
    expect(byChild).toMatchObject({ total: 2, items: [expect.objectContaining({ id: t2.id })] });
    const byAgent = await h.client.request<ListTasks.Reply>(ListTasks.Subject, {
      tenantId,
      runId: run.id,
      status: 'IN_PROGRESS',
      assignedAgentId: 'dev-7',
    });
    expect(byAgent.items.map((t) => t.id)).toEqual([t2.id]);

    const other = (await h.tenant('other')).tenantId;
    await expect(h.client.request(GetTask.Subject, { tenantId: other, id: t1.id })).rejects.toMatchObject({
      code: 'TASK_NOT_FOUND',
    });
    await expect(
      h.client.request(UpdateTask.Subject, { tenantId: other, id: t1.id, title: 'x' }),
    ).rejects.toMatchObject({
      code: 'TASK_NOT_FOUND',
    });
    await expect(
      h.client.request(CreateTask.Subject, { tenantId: other, runId: run.id, title: 'x', description: '' }),
    ).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    const theirs = await h.client.request<ListTasks.Reply>(ListTasks.Subject, {
      tenantId: other,
      runId: run.id,
    });
    expect(theirs.total).toBe(0);
  });
});
