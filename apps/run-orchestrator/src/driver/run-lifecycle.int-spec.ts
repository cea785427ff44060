import { pollUntil } from '@shipyard/shared/testing';
import type { Orchestrator } from './orchestrator';
import { OffsetClock, OrchestratorHarness, userCommand } from '../testing/orchestrator.harness';
import type { ScriptedWorkers } from '../testing/scripted-workers';
import { runConfigWith, seedQueuedRun } from '../testing/seed-run';

// Real: PostgreSQL (this file's own database), NATS JetStream (this file's own streams), the orchestrator.
// Scripted: the agents (150 tokens and $0.0002 per job at the test prices; like the real ones, they stop a
// job at its allowance). User commands are written with the same SQL project-service uses. The clock runs
// ahead of real time only in the deadline case.

const ENDED = ['COMPLETED', 'FAILED', 'STOPPED_BUDGET', 'STOPPED_USER', 'STOPPED_TIMEOUT'];

describe('run lifecycle through the orchestrator', () => {
  const h = new OrchestratorHarness();
  const clock = new OffsetClock();
  let orchestrator: Orchestrator;
  let workers: ScriptedWorkers;

  beforeAll(async () => {
    await h.setUp();
    // Each job is expected to take what the scripted agents spend (plus its input's tokens), so only the
    // budget cases come near an allowance.
    orchestrator = await h.startOrchestrator(
      { ORCHESTRATOR_ESTIMATE_PROMPT_TOKENS: '100', ORCHESTRATOR_ESTIMATE_COMPLETION_TOKENS: '50' },
      clock,
    );
    workers = await h.startWorkers(orchestrator.topology);
  });
  afterAll(() => h.tearDown());

  const statusEvents = async (runId: string) =>
    (
      await h.sql.query<{ status: string }>(
        `SELECT data->>'status' AS status FROM run_events WHERE run_id = $1 AND type = 'run.status' ORDER BY seq`,
        [runId],
      )
    ).rows.map((r) => r.status);
  const jobKinds = async (runId: string) =>
    (
      await h.sql.query<{ kind: string }>(`SELECT kind FROM run_jobs WHERE run_id = $1 ORDER BY created_at`, [
        runId,
      ])
    ).rows.map((r) => r.kind);
  /** Each job's allowance and the tokens recorded for it. */
  const spendByJob = async (runId: string) =>
    (
      await h.sql.query<{ allowance: number; spent: number }>(
        `SELECT (j.payload->'allowance'->>'tokens')::int AS allowance,
                coalesce((SELECT sum(u.prompt_tokens + u.completion_tokens) FROM run_usage u
                           WHERE u.job_id = j.job_id), 0)::int AS spent
           FROM run_jobs j WHERE j.run_id = $1 ORDER BY j.created_at`,
        [runId],
      )
    ).rows;

  it('stops on the token budget: STOPPED_BUDGET, never past it', async () => {
    const { runId } = await seedQueuedRun(
      h.db.url,
      runConfigWith({ budget: { maxTokens: 400, onExceed: 'stop' } }),
    );
    const run = await h.waitForStatus(runId, ENDED);
    expect(run.status).toBe('STOPPED_BUDGET');
    expect(run.final_report?.outcome).toBe('STOPPED_BUDGET');
    expect(run.status_reason).toMatch(/token budget 400 would be exceeded/);
    expect(Number(run.total_tokens)).toBeLessThanOrEqual(400);
    // Every job carried an allowance and spent within it.
    const jobs = await spendByJob(runId);
    expect(jobs.length).toBeGreaterThan(1);
    for (const job of jobs) expect(job.spent).toBeLessThanOrEqual(job.allowance);
  });

  it('stops on the cost budget, never past it', async () => {
    const { runId } = await seedQueuedRun(
      h.db.url,
      runConfigWith({ budget: { maxCostUsd: 0.0005, maxTokens: 1_000_000, onExceed: 'stop' } }),
    );
    const run = await h.waitForStatus(runId, ENDED);
    expect(run.status).toBe('STOPPED_BUDGET');
    expect(run.status_reason).toMatch(/cost budget \$0.0005 would be exceeded/);
    expect(Number(run.cost_usd)).toBeGreaterThan(0);
    expect(Number(run.cost_usd)).toBeLessThanOrEqual(0.0005);
  });

  it('pauses on the budget, then completes after a resume with a raised budget', async () => {
    const { runId } = await seedQueuedRun(
      h.db.url,
      runConfigWith({ budget: { maxTokens: 400, onExceed: 'pause' } }),
    );
    await h.waitForStatus(runId, ['PAUSED']);
    expect(Number((await h.run(runId)).total_tokens)).toBeLessThanOrEqual(400);
    await userCommand(h.sql, runId, 'resume', { maxTokens: 1_000_000, maxCostUsd: 25, onExceed: 'pause' });
    const run = await h.waitForStatus(runId, ENDED);
    expect(run.status).toBe('COMPLETED');
    // The graph's budget pause and the user's resume: each transition logged once.
    expect(await statusEvents(runId)).toEqual(['RUNNING', 'PAUSED', 'RUNNING', 'COMPLETED']);
  });

  it('honours a user pause at the next boundary and completes after resume', async () => {
    const { runId } = await seedQueuedRun(h.db.url);
    workers.silentRuns.add(runId);
    const first = await pollUntil(() => workers.seen.find((j) => j.runId === runId), { timeoutMs: 20_000 });
    await userCommand(h.sql, runId, 'pause');
    // The in-flight job finishes and is recorded; the graph then holds and sends nothing. The pause was logged
    // once, by the user's command; the graph's own PAUSED finds the transition made and adds no second one.
    workers.silentRuns.delete(runId);
    await orchestrator.applyResult(workers.answer(first));
    expect((await h.run(runId)).status).toBe('PAUSED');
    expect(await statusEvents(runId)).toEqual(['RUNNING', 'PAUSED']);
    expect(await jobKinds(runId)).toEqual(['analyze_requirements']);
    await userCommand(h.sql, runId, 'resume');
    expect((await h.waitForStatus(runId, ENDED)).status).toBe('COMPLETED');
  });

  it('writes nothing for a run after a user stop, even when a result arrives', async () => {
    const { runId } = await seedQueuedRun(h.db.url);
    workers.silentRuns.add(runId);
    const first = await pollUntil(() => workers.seen.find((j) => j.runId === runId), { timeoutMs: 20_000 });
    await userCommand(h.sql, runId, 'stop');
    const before = await snapshotCounts(runId);
    const outcome = await orchestrator.applyResult(workers.answer(first));
    expect(outcome).toBe('dropped');
    expect(await snapshotCounts(runId)).toEqual(before);
    expect((await h.run(runId)).status).toBe('STOPPED_USER');
    expect(await statusEvents(runId)).toEqual(['RUNNING', 'STOPPED_USER']);
  });

  it('ends a waiting run in STOPPED_TIMEOUT at its deadline', async () => {
    // One minute is the shortest deadline; the clock runs 59.5 s ahead, so it passes half a second after start.
    clock.offsetMs = 59_500;
    try {
      const { runId } = await seedQueuedRun(h.db.url, runConfigWith({ deadlineMinutes: 1 }));
      workers.silentRuns.add(runId);
      const run = await h.waitForStatus(runId, ENDED);
      expect(run.status).toBe('STOPPED_TIMEOUT');
      expect(run.final_report?.outcome).toBe('STOPPED_TIMEOUT');
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('loops through a security fix cycle, and fails the run when the gate never passes', async () => {
    const fixed = await seedQueuedRun(
      h.db.url,
      runConfigWith({ security: { gate: 'block_high', maxFixCycles: 2 } }),
    );
    workers.scripts.set(fixed.runId, (job, call) =>
      job.kind === 'security_scan' && call === 1
        ? { output: { findings: [{ severity: 'high', rule: 'sqli', message: 'raw SQL' }] } }
        : undefined,
    );
    expect((await h.waitForStatus(fixed.runId, ENDED)).status).toBe('COMPLETED');
    expect((await jobKinds(fixed.runId)).filter((k) => k === 'security_scan')).toHaveLength(2);

    const doomed = await seedQueuedRun(
      h.db.url,
      runConfigWith({ security: { gate: 'block_critical', maxFixCycles: 1 } }),
    );
    workers.scripts.set(doomed.runId, (job) =>
      job.kind === 'security_scan'
        ? { output: { findings: [{ severity: 'critical', rule: 'secret', message: 'hard-coded key' }] } }
        : undefined,
    );
    const run = await h.waitForStatus(doomed.runId, ENDED);
    expect(run.status).toBe('FAILED');
    expect((await jobKinds(doomed.runId)).slice(-3)).toEqual(['security_scan', 'fix', 'security_scan']);
  });

  it('loops through a review fix, and fails the task and run when reviews run out', async () => {
    const fixed = await seedQueuedRun(h.db.url, runConfigWith({ review: { maxIterations: 3 } }));
    workers.scripts.set(fixed.runId, (job, call) =>
      job.kind === 'review' && call === 1
        ? { output: { approved: false, findings: [{ severity: 'high', message: 'no input validation' }] } }
        : undefined,
    );
    expect((await h.waitForStatus(fixed.runId, ENDED)).status).toBe('COMPLETED');
    // The first review of each of the two tasks asks for a fix; the second approves.
    expect((await jobKinds(fixed.runId)).filter((k) => k === 'fix')).toHaveLength(2);

    const doomed = await seedQueuedRun(h.db.url, runConfigWith({ review: { maxIterations: 2 } }));
    workers.scripts.set(doomed.runId, (job) =>
      job.kind === 'review'
        ? { output: { approved: false, findings: [{ severity: 'medium', message: 'naming' }] } }
        : undefined,
    );
    const run = await h.waitForStatus(doomed.runId, ENDED);
    expect(run.status).toBe('FAILED');
    expect((await jobKinds(doomed.runId)).slice(3, 7)).toEqual(['implement', 'review', 'fix', 'review']);
    const failed = await h.count(`SELECT count(*) AS n FROM tasks WHERE run_id = $1 AND status = 'FAILED'`, [
      doomed.runId,
    ]);
    expect(failed).toBeGreaterThan(0);
  });

  async function snapshotCounts(runId: string): Promise<number[]> {
    const tables = ['run_events', 'run_jobs', 'run_usage', 'tasks', 'task_comments', 'artifacts'];
    return Promise.all(
      tables.map((t) => h.count(`SELECT count(*) AS n FROM ${t} WHERE run_id = $1`, [runId])),
    );
  }
});
