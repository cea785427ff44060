import { announceRun } from '../testing/announce-run';
import { OrchestratorHarness } from '../testing/orchestrator.harness';
import { seedQueuedRun } from '../testing/seed-run';

// Real: PostgreSQL (a database of this file's own), NATS JetStream (this file's own streams), the
// orchestrator with its graph, checkpointer and adapters. Scripted: the agents (a JobWorker per role).

describe('run orchestrator', () => {
  const h = new OrchestratorHarness();

  beforeAll(() => h.setUp());
  afterAll(() => h.tearDown());

  it('drives a queued run to COMPLETED with its task tree, comments, usage, events and final report', async () => {
    const orchestrator = await h.startOrchestrator();
    await h.startWorkers(orchestrator.topology);
    const { runId, projectId } = await seedQueuedRun(h.db.url);

    const run = await h.waitForStatus(runId, ['COMPLETED', 'FAILED', 'STOPPED_BUDGET', 'STOPPED_TIMEOUT']);

    expect(run.status).toBe('COMPLETED');
    expect(run.final_report?.outcome).toBe('COMPLETED');
    expect(run.lease_owner).toBeNull();
    const tasks = await h.sql.query<{ title: string; status: string }>(
      `SELECT title, status FROM tasks WHERE run_id = $1 ORDER BY title`,
      [runId],
    );
    expect(tasks.rows).toEqual([
      { title: 'Todo API', status: 'DONE' },
      { title: 'Todo model', status: 'DONE' },
    ]);
    // One comment per task job (implement, review, test for each of the two tasks), each with its event.
    const comments = await h.count(`SELECT count(*) AS n FROM task_comments WHERE run_id = $1`, [runId]);
    expect(comments).toBe(6);
    expect(
      await h.count(`SELECT count(*) AS n FROM run_events WHERE run_id = $1 AND type = 'comment.created'`, [
        runId,
      ]),
    ).toBe(6);
    // Every job's usage once: 150 tokens per job; the run's counters agree with the ledger.
    const jobs = await h.count(`SELECT count(*) AS n FROM run_jobs WHERE run_id = $1`, [runId]);
    expect(
      await h.count(`SELECT count(*) AS n FROM run_jobs WHERE run_id = $1 AND status = 'completed'`, [runId]),
    ).toBe(jobs);
    expect(Number(run.total_tokens)).toBe(jobs * 150);
    expect(
      await h.count(`SELECT sum(prompt_tokens + completion_tokens) AS n FROM run_usage WHERE run_id = $1`, [
        runId,
      ]),
    ).toBe(jobs * 150);
    const project = await h.sql.query<{ status: string; active_run_id: string | null }>(
      `SELECT status, active_run_id FROM projects WHERE id = $1`,
      [projectId],
    );
    expect(project.rows[0]).toEqual({ status: 'COMPLETED', active_run_id: null });
    const statuses = await h.sql.query<{ status: string }>(
      `SELECT data->>'status' AS status FROM run_events WHERE run_id = $1 AND type = 'run.status' ORDER BY seq`,
      [runId],
    );
    expect(statuses.rows.map((r) => r.status)).toEqual(['RUNNING', 'COMPLETED']);
    // Files went to the artifact store, not the checkpoint.
    expect(await h.count(`SELECT count(*) AS n FROM artifacts WHERE run_id = $1`, [runId])).toBeGreaterThan(
      0,
    );
    await h.stopOrchestrator(orchestrator);
  });

  it('takes up an announced run at once, not at its next tick', async () => {
    // A tick far away: only the announcement (what project-service publishes after creating a run) can
    // start this run within the test. The first tick runs at start, before the run exists.
    const orchestrator = await h.startOrchestrator({
      ORCHESTRATOR_TICK_MS: '200000',
      ORCHESTRATOR_LEASE_MS: '600000',
    });
    await h.startWorkers(orchestrator.topology);
    const run = await seedQueuedRun(h.db.url);
    announceRun(h.nc, h.prefix, run);
    expect((await h.waitForStatus(run.runId, ['COMPLETED', 'FAILED'])).status).toBe('COMPLETED');
    await h.stopOrchestrator(orchestrator);
  });
});
