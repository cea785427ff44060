/**
 * Real: project-service in-process, PostgreSQL (a clone of the migrated template), NATS with a prefix of
 * this file's own. Checks what the run commands leave for the orchestrator: control columns, resume
 * sequence, budget override, one `run.status` event per command in the run's log.
 */
import { pollUntil } from '@shipyard/shared/testing';
import {
  ChangeRunStatus,
  RunControlChanged,
  RunStatusChanged,
  CreateProject,
  CreateRun,
  MarkProjectReady,
  type ProjectView,
  type RunView,
} from '@shipyard/contracts';
import { startProjectServiceHarness, type ProjectServiceHarness } from '../testing/project-service.harness';

describe('run lifecycle commands and the orchestrator control columns', () => {
  let h: ProjectServiceHarness;
  let tenantId: string;

  beforeAll(async () => {
    h = await startProjectServiceHarness();
    tenantId = (await h.tenant()).tenantId;
  });

  afterAll(() => h.close());

  /** A QUEUED run of a READY project of its own. */
  async function queuedRun(): Promise<RunView> {
    const project = await h.client.request<ProjectView>(CreateProject.Subject, {
      tenantId,
      name: 'P',
      requirements: 'x',
    });
    await h.client.request(MarkProjectReady.Subject, { tenantId, id: project.id });
    return h.client.request<RunView>(CreateRun.Subject, { tenantId, projectId: project.id });
  }

  async function startedRun(): Promise<RunView> {
    const run = await queuedRun();
    await h.sql.query(`UPDATE project_runs SET status = 'RUNNING', started_at = now() WHERE id = $1`, [
      run.id,
    ]);
    return run;
  }
  const control = async (id: string) =>
    (
      await h.sql.query<{ control_requested: string; resume_seq: number; budget_override: unknown }>(
        `SELECT control_requested, resume_seq, budget_override FROM project_runs WHERE id = $1`,
        [id],
      )
    ).rows[0];
  const statusEvents = async (id: string) =>
    (
      await h.sql.query<{ status: string; reason: string }>(
        `SELECT data->>'status' AS status, data->>'reason' AS reason FROM run_events
         WHERE run_id = $1 AND type = 'run.status' ORDER BY seq`,
        [id],
      )
    ).rows;

  it('announces a created run and every command on the control subject, after the commit', async () => {
    const { heard, close } = await h.listen<RunControlChanged.Body>(RunControlChanged.Subject);
    try {
      const run = await queuedRun();
      const created = await pollUntil(() => heard.find((body) => body.runId === run.id) ?? false, {
        timeoutMs: 10_000,
        description: 'the new run announced',
      });
      expect(created).toEqual({ tenantId, runId: run.id, status: 'QUEUED', control: 'run', resumeSeq: 0 });
      // Announced after the commit: whoever hears it finds the run already there.
      expect((await h.sql.query(`SELECT status FROM project_runs WHERE id = $1`, [run.id])).rows).toEqual([
        { status: 'QUEUED' },
      ]);
      await h.client.request(ChangeRunStatus.StopSubject, { tenantId, id: run.id });
      await pollUntil(() => heard.some((body) => body.runId === run.id && body.control === 'stop'), {
        timeoutMs: 10_000,
        description: 'the stop announced',
      });
    } finally {
      await close();
    }
  });

  it('announces every status transition on NATS once the event is relayed', async () => {
    const { heard, close } = await h.listen<RunStatusChanged.Body>(RunStatusChanged.Subject);
    try {
      const run = await startedRun();
      await h.client.request(ChangeRunStatus.PauseSubject, { tenantId, id: run.id, reason: 'lunch' });
      await h.client.request(ChangeRunStatus.StopSubject, { tenantId, id: run.id });
      const mine = await pollUntil(
        () => {
          const forRun = heard.filter((body) => body.runId === run.id);
          return forRun.length >= 2 ? forRun : false;
        },
        { timeoutMs: 15_000 },
      );
      expect(mine.map((body) => [body.status, body.reason])).toEqual([
        ['PAUSED', 'lunch'],
        ['STOPPED_USER', 'stopped by user'],
      ]);
      expect(mine[1]!.seq).toBeGreaterThan(mine[0]!.seq);
    } finally {
      await close();
    }
  });

  it('pause, resume with a raised budget and stop set control and append one status event each', async () => {
    const run = await startedRun();
    await h.client.request(ChangeRunStatus.PauseSubject, { tenantId, id: run.id, reason: 'lunch' });
    expect(await control(run.id)).toEqual({
      control_requested: 'pause',
      resume_seq: 0,
      budget_override: null,
    });

    const budget = { maxTokens: 5000, maxCostUsd: 2, onExceed: 'pause' };
    await h.client.request(ChangeRunStatus.ResumeSubject, { tenantId, id: run.id, budget });
    expect(await control(run.id)).toEqual({
      control_requested: 'run',
      resume_seq: 1,
      budget_override: budget,
    });

    await h.client.request(ChangeRunStatus.StopSubject, { tenantId, id: run.id });
    expect(await control(run.id)).toMatchObject({ control_requested: 'stop', resume_seq: 1 });
    expect(await statusEvents(run.id)).toEqual([
      { status: 'PAUSED', reason: 'lunch' },
      { status: 'RUNNING', reason: 'resumed by user' },
      { status: 'STOPPED_USER', reason: 'stopped by user' },
    ]);
  });

  it('refuses a budget on anything but resume, and an invalid budget, writing nothing', async () => {
    const run = await startedRun();
    await expect(
      h.client.request(ChangeRunStatus.PauseSubject, {
        tenantId,
        id: run.id,
        budget: { maxTokens: 1, maxCostUsd: 1, onExceed: 'stop' },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await h.client.request(ChangeRunStatus.PauseSubject, { tenantId, id: run.id });
    await expect(
      h.client.request(ChangeRunStatus.ResumeSubject, {
        tenantId,
        id: run.id,
        budget: { maxTokens: -1, maxCostUsd: 1, onExceed: 'explode' },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await control(run.id)).toEqual({
      control_requested: 'pause',
      resume_seq: 0,
      budget_override: null,
    });
    expect(await statusEvents(run.id)).toHaveLength(1);
  });
});
