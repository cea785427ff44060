import { jetstreamManager } from '@nats-io/jetstream';
import { ensureJobStreams } from '@shipyard/shared/jetstream';
import { pollUntil } from '@shipyard/shared/testing';
import { OrchestratorHarness } from '../testing/orchestrator.harness';
import { OrchestratorProcess } from '../testing/orchestrator.process';
import { privateBuild, type PrivateBuild } from '../testing/private-build';
import { seedQueuedRun } from '../testing/seed-run';

// Real: the orchestrator SERVICE as a child process (compiled with SWC into a private folder), killed with
// SIGKILL mid-run and started again; PostgreSQL; NATS JetStream. Scripted: the agents, in this process.

const ENDED = ['COMPLETED', 'FAILED', 'STOPPED_BUDGET', 'STOPPED_USER', 'STOPPED_TIMEOUT'];

describe('orchestrator killed with SIGKILL mid-run', () => {
  const h = new OrchestratorHarness();
  let build: PrivateBuild;
  const processes: OrchestratorProcess[] = [];

  beforeAll(async () => {
    await h.setUp();
    build = await privateBuild();
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    await build.remove();
    await h.tearDown();
  });

  function orchestratorProcess(id: string): OrchestratorProcess {
    const config = h.config();
    const env: Record<string, string> = {
      DATABASE_URL: config.DATABASE_URL,
      NATS_URL: config.NATS_URL,
      NATS_SUBJECT_PREFIX: config.NATS_SUBJECT_PREFIX,
      ORCHESTRATOR_ID: id,
      ORCHESTRATOR_TICK_MS: '200',
      ORCHESTRATOR_LEASE_MS: '2000',
      JOB_ACK_WAIT_MS: String(config.JOB_ACK_WAIT_MS),
      JOB_MAX_ATTEMPTS: String(config.JOB_MAX_ATTEMPTS),
      LOG_LEVEL: 'warn',
      UNKNOWN_MODEL_PROMPT_PRICE_PER_MTOK: '1',
      UNKNOWN_MODEL_COMPLETION_PRICE_PER_MTOK: '2',
    };
    const child = new OrchestratorProcess(build.main, env);
    processes.push(child);
    child.start();
    return child;
  }

  it('every run completes after a restart, with no job, comment or token counted twice', async () => {
    const config = h.config();
    const topology = await ensureJobStreams(await jetstreamManager(h.nc), {
      prefix: config.NATS_SUBJECT_PREFIX,
      ackWaitMs: config.JOB_ACK_WAIT_MS,
      maxAttempts: config.JOB_MAX_ATTEMPTS,
    });
    await h.startWorkers(topology);
    const runIds: string[] = [];
    for (let i = 0; i < 4; i += 1) runIds.push((await seedQueuedRun(h.db.url)).runId);

    const doomed = orchestratorProcess('doomed');
    // Kill it once the runs are well under way, and not finished.
    await pollUntil(
      async () =>
        (await h.count(
          `SELECT count(*) AS n FROM run_jobs WHERE run_id = ANY($1::uuid[]) AND status = 'completed'`,
          [runIds],
        )) >= 8,
      { timeoutMs: 60_000 },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${doomed.errors()}`);
    });
    await doomed.kill();
    const unfinished = await h.count(
      `SELECT count(*) AS n FROM project_runs WHERE id = ANY($1::uuid[]) AND status IN ('QUEUED', 'RUNNING', 'PAUSED')`,
      [runIds],
    );
    expect(unfinished).toBeGreaterThan(0);

    const successor = orchestratorProcess('successor');
    for (const runId of runIds) {
      const run = await h.waitForStatus(runId, ENDED, 90_000).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${successor.errors()}`);
      });
      expect(run.status).toBe('COMPLETED');
      const jobs = await h.count(`SELECT count(*) AS n FROM run_jobs WHERE run_id = $1`, [runId]);
      expect(await h.count(`SELECT count(*) AS n FROM run_usage WHERE run_id = $1`, [runId])).toBe(jobs);
      expect(Number(run.total_tokens)).toBe(jobs * 150);
      expect(await h.count(`SELECT count(*) AS n FROM task_comments WHERE run_id = $1`, [runId])).toBe(6);
      expect(await h.count(`SELECT count(*) AS n FROM tasks WHERE run_id = $1`, [runId])).toBe(2);
      expect(
        await h.count(
          `SELECT count(*) AS n FROM run_events WHERE run_id = $1 AND data->>'status' = 'COMPLETED'`,
          [runId],
        ),
      ).toBe(1);
    }
    await successor.kill();
  }, 180_000);
});
