/**
 * Real: project-service in-process, PostgreSQL (a clone of the migrated template), NATS with a prefix of
 * this file's own, driven with NatsRpcClient as the gateway does. Faked: nothing.
 */
import { randomUUID } from 'node:crypto';
import {
  ChangeRunStatus,
  CreateProject,
  CreateRun,
  CreateTemplate,
  CreateTemplateVersion,
  GetProject,
  GetRun,
  ListRuns,
  MarkProjectReady,
  UpdateProject,
  type ProjectView,
  type RunView,
} from '@shipyard/contracts';
import { startProjectServiceHarness, type ProjectServiceHarness } from '../testing/project-service.harness';

describe('project-service runs over NATS', () => {
  let h: ProjectServiceHarness;
  let tenantId: string;

  beforeAll(async () => {
    h = await startProjectServiceHarness();
    tenantId = (await h.tenant()).tenantId;
  });

  afterAll(async () => {
    await h.close();
  });

  async function readyProject(body: Partial<CreateProject.Body> = {}): Promise<ProjectView> {
    const project = await h.client.request<ProjectView>(CreateProject.Subject, {
      tenantId,
      name: 'P',
      requirements: 'Make it',
      ...body,
    });
    return h.client.request<ProjectView>(MarkProjectReady.Subject, { tenantId, id: project.id });
  }
  const startRun = (projectId: string, configPatch?: object) =>
    h.client.request<RunView>(CreateRun.Subject, {
      tenantId,
      projectId,
      ...(configPatch ? { configPatch } : {}),
    });
  const command = (subject: string, id: string, reason?: string) =>
    h.client.request<RunView>(subject, { tenantId, id, ...(reason ? { reason } : {}) });
  const getRun = (id: string) => h.client.request<RunView>(GetRun.Subject, { tenantId, id });
  const getProject = (id: string) => h.client.request<ProjectView>(GetProject.Subject, { tenantId, id });

  it('queues a run whose snapshot merges template version, project patch and run patch', async () => {
    const template = await h.client.request<CreateTemplate.Reply>(CreateTemplate.Subject, {
      tenantId,
      name: 'T',
      config: { budget: { maxTokens: 1000, maxCostUsd: 3 } },
    });
    const project = await readyProject({
      templateId: template.id,
      configPatch: { budget: { maxCostUsd: 4 } },
    });
    const run = await startRun(project.id, {
      budget: { onExceed: 'warn' },
      roles: { qa: { model: 'gpt-x' } },
    });
    expect(run).toMatchObject({
      projectId: project.id,
      status: 'QUEUED',
      statusReason: null,
      usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
      costUsd: 0,
      finalReport: null,
      startedAt: null,
      finishedAt: null,
    });
    expect(run.configSnapshot.budget).toEqual({ maxTokens: 1000, maxCostUsd: 4, onExceed: 'warn' });
    expect(run.configSnapshot.roles.qa).toEqual({ provider: 'openai', model: 'gpt-x', temperature: 0.1 });
    await expect(getProject(project.id)).resolves.toMatchObject({ status: 'RUNNING', activeRunId: run.id });
  });

  it('keeps the snapshot frozen after the template and the project change', async () => {
    const template = await h.client.request<CreateTemplate.Reply>(CreateTemplate.Subject, {
      tenantId,
      name: 'T',
    });
    const project = await readyProject({ templateId: template.id });
    const run = await startRun(project.id);
    await h.client.request(CreateTemplateVersion.Subject, {
      tenantId,
      id: template.id,
      config: { deadlineMinutes: 5 },
    });
    await command(ChangeRunStatus.StopSubject, run.id);
    await h.client.request(UpdateProject.Subject, {
      tenantId,
      id: project.id,
      configPatch: { deadlineMinutes: 7 },
    });
    await expect(
      h.sql.query(`UPDATE project_runs SET config_snapshot = '{}'::jsonb WHERE id = $1`, [run.id]),
    ).rejects.toMatchObject({ code: '23001' });
    const again = await h.client.request<RunView>(GetRun.Subject, { tenantId, id: run.id });
    expect(again.configSnapshot).toEqual(run.configSnapshot);
    expect(again.configSnapshot.deadlineMinutes).toBe(120);
  });

  it('lets exactly one of two simultaneous creates win', async () => {
    const project = await readyProject();
    const results = await Promise.allSettled([
      startRun(project.id),
      startRun(project.id),
      startRun(project.id),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as { code: string }).code)).toEqual([
      'RUN_ALREADY_ACTIVE',
      'RUN_ALREADY_ACTIVE',
    ]);
    expect(await h.count('project_runs', 'project_id = $1', [project.id])).toBe(1);
  });

  it('starts runs only from READY or a finished project, validating the run patch', async () => {
    const draft = await h.client.request<ProjectView>(CreateProject.Subject, { tenantId, name: 'D' });
    await expect(startRun(draft.id)).rejects.toMatchObject({ code: 'PROJECT_NOT_READY' });
    await expect(startRun(randomUUID())).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
    const project = await readyProject();
    await expect(startRun(project.id, { security: { gate: 'sometimes' } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ path: 'configPatch.security.gate' })],
    });
    await expect(getProject(project.id)).resolves.toMatchObject({ status: 'READY', activeRunId: null });
    expect(await h.count('project_runs', 'project_id = $1', [project.id])).toBe(0);
  });

  it('starts another run once the previous one finished, the project COMPLETED or FAILED', async () => {
    for (const outcome of ['COMPLETED', 'FAILED'] as const) {
      const project = await readyProject();
      const run = await startRun(project.id);
      // The orchestrator finishes runs; here SQL plays it, as the orchestrator's own repository would.
      await h.sql.query(`UPDATE project_runs SET status = $2, finished_at = now() WHERE id = $1`, [
        run.id,
        outcome,
      ]);
      await h.sql.query(`UPDATE projects SET status = $2, active_run_id = NULL WHERE id = $1`, [
        project.id,
        outcome,
      ]);
      const next = await startRun(project.id);
      expect(next.id).not.toBe(run.id);
      await expect(getProject(project.id)).resolves.toMatchObject({
        status: 'RUNNING',
        activeRunId: next.id,
      });
    }
  });

  it('pauses, resumes to QUEUED or RUNNING, and stops with checked transitions', async () => {
    const project = await readyProject();
    const run = await startRun(project.id);
    const paused = await command(ChangeRunStatus.PauseSubject, run.id, 'lunch');
    expect(paused).toMatchObject({ status: 'PAUSED', statusReason: 'lunch' });
    await expect(command(ChangeRunStatus.PauseSubject, run.id)).rejects.toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
    });
    await expect(command(ChangeRunStatus.ResumeSubject, run.id)).resolves.toMatchObject({ status: 'QUEUED' });

    // A run the orchestrator had started resumes to RUNNING.
    await h.sql.query(`UPDATE project_runs SET status = 'RUNNING', started_at = now() WHERE id = $1`, [
      run.id,
    ]);
    await command(ChangeRunStatus.PauseSubject, run.id);
    await expect(command(ChangeRunStatus.ResumeSubject, run.id)).resolves.toMatchObject({
      status: 'RUNNING',
    });
    await expect(command(ChangeRunStatus.ResumeSubject, run.id)).rejects.toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
    });

    const stopped = await command(ChangeRunStatus.StopSubject, run.id);
    expect(stopped).toMatchObject({ status: 'STOPPED_USER', statusReason: 'stopped by user' });
    expect(stopped.finishedAt).not.toBeNull();
    await expect(getProject(project.id)).resolves.toMatchObject({ status: 'READY', activeRunId: null });
    for (const subject of [
      ChangeRunStatus.PauseSubject,
      ChangeRunStatus.ResumeSubject,
      ChangeRunStatus.StopSubject,
    ]) {
      await expect(command(subject, run.id)).rejects.toMatchObject({ code: 'INVALID_STATE_TRANSITION' });
    }
    // The project may run again once its run has stopped.
    await expect(startRun(project.id)).resolves.toMatchObject({ status: 'QUEUED' });
  });

  it('changes the budget on resume field by field over the budget in force, and shows it on the run', async () => {
    const project = await readyProject();
    const run = await startRun(project.id, { budget: { maxTokens: 5000, maxCostUsd: 2, onExceed: 'pause' } });
    expect(run.budget).toEqual({ maxTokens: 5000, maxCostUsd: 2, onExceed: 'pause' });
    const resume = (budget: object) =>
      h.client.request<RunView>(ChangeRunStatus.ResumeSubject, { tenantId, id: run.id, budget });

    // Refused, and nothing changes: a budget on pause, an empty budget change, a bad field.
    await expect(
      h.client.request(ChangeRunStatus.PauseSubject, { tenantId, id: run.id, budget: { maxTokens: 9 } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'budget' }] });
    await command(ChangeRunStatus.PauseSubject, run.id);
    await expect(resume({})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'budget' }],
    });
    await expect(resume({ maxTokens: 0 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ path: 'budget.maxTokens' })],
    });
    await expect(getRun(run.id)).resolves.toMatchObject({ status: 'PAUSED', budget: run.budget });

    // Raising one field keeps the others; a later change builds on the first, not on the snapshot.
    const raised = await resume({ maxTokens: 80_000 });
    expect(raised).toMatchObject({
      status: 'QUEUED',
      budget: { maxTokens: 80_000, maxCostUsd: 2, onExceed: 'pause' },
    });
    await command(ChangeRunStatus.PauseSubject, run.id);
    await resume({ onExceed: 'warn' });
    const read = await getRun(run.id);
    expect(read.budget).toEqual({ maxTokens: 80_000, maxCostUsd: 2, onExceed: 'warn' });
    // The frozen snapshot is never rewritten.
    expect(read.configSnapshot.budget).toEqual({ maxTokens: 5000, maxCostUsd: 2, onExceed: 'pause' });
  });

  it('lets one of two simultaneous identical commands win (compare-and-set)', async () => {
    const project = await readyProject();
    const run = await startRun(project.id);
    const results = await Promise.allSettled([
      command(ChangeRunStatus.PauseSubject, run.id),
      command(ChangeRunStatus.PauseSubject, run.id),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost?.reason).toMatchObject({ code: 'INVALID_STATE_TRANSITION' });
    const stops = await Promise.allSettled([
      command(ChangeRunStatus.StopSubject, run.id),
      command(ChangeRunStatus.StopSubject, run.id),
    ]);
    expect(stops.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('lists by project and status, newest first; hides other tenants', async () => {
    const project = await readyProject();
    const first = await startRun(project.id);
    await command(ChangeRunStatus.StopSubject, first.id);
    const second = await startRun(project.id);
    const all = await h.client.request<ListRuns.Reply>(ListRuns.Subject, { tenantId, projectId: project.id });
    expect(all.items.map((r) => r.id)).toEqual([second.id, first.id]);
    const stopped = await h.client.request<ListRuns.Reply>(ListRuns.Subject, {
      tenantId,
      projectId: project.id,
      status: 'STOPPED_USER',
    });
    expect(stopped).toMatchObject({ total: 1, items: [expect.objectContaining({ id: first.id })] });

    const other = (await h.tenant('other')).tenantId;
    await expect(h.client.request(GetRun.Subject, { tenantId: other, id: second.id })).rejects.toMatchObject({
      code: 'RUN_NOT_FOUND',
    });
    await expect(
      h.client.request(ChangeRunStatus.StopSubject, { tenantId: other, id: second.id }),
    ).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    const theirs = await h.client.request<ListRuns.Reply>(ListRuns.Subject, {
      tenantId: other,
      projectId: project.id,
    });
    expect(theirs.total).toBe(0);
    await expect(
      h.client.request<RunView>(GetRun.Subject, { tenantId, id: second.id }),
    ).resolves.toMatchObject({
      status: 'QUEUED',
    });
  });
});
