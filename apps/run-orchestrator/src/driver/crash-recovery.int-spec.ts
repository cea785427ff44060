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

  function orchestratorProcess(id: string, overrides: Record<string, string> = {}): OrchestratorProcess {
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
      ...overrides,
    };
    const child = new OrchestratorProcess(build.main, env);
    processes.push(child);
    child.start();
    return child;
  }

  /** Starts the scripted agents and seeds `count` runs; the streams as the services declare them. */
  async function seedRuns(count: number): Promise<string[]> {
    const config = h.config();
    const topology = await ensureJobStreams(await jetstreamManager(h.nc), {
      prefix: config.NATS_SUBJECT_PREFIX,
      ackWaitMs: config.JOB_ACK_WAIT_MS,
      maxAttempts: config.JOB_MAX_ATTEMPTS,
    });
    await h.startWorkers(topology);
    const runIds: string[] = [];
    for (let i = 0; i < count; i += 1) runIds.push((await seedQueuedRun(h.db.url)).runId);
    return runIds;
  }

  /** Kills the orchestrator once the runs are well under way (8 jobs done), and checks some are not finished. */
  async function killMidRun(doomed: OrchestratorProcess, runIds: string[]): Promise<void> {
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
  }

  /** Every run COMPLETED with each job, its usage, comment and the final status recorded once. */
  async function expectCompletedOnce(runIds: string[], successor: OrchestratorProcess): Promise<void> {
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
  }

  it('every run completes after a restart, with no job, comment or token counted twice', async () => {
    const runIds = await seedRuns(4);
    await killMidRun(orchestratorProcess('doomed'), runIds);
    const successor = orchestratorProcess('successor');
    await expectCompletedOnce(runIds, successor);
    await successor.kill();
  }, 180_000);

  it("results that arrive while the dead orchestrator's lease still runs wait for it to end, not for a re-publish", async () => {
    // As deployed: the lease (here 6 s) outlasts the results' quick retries (~3 s before a dead letter),
    // and the outbox would re-publish a job only after an hour here, so every result must survive the
    // wait by itself. The successor starts at once under a new id, as a restarted pod does.
    const slow = {
      ORCHESTRATOR_LEASE_MS: '6000',
      ORCHESTRATOR_TICK_MS: '500',
      ORCHESTRATOR_REPUBLISH_AFTER_MS: '3600000',
    };
    const runIds = await seedRuns(3);
    await killMidRun(orchestratorProcess('doomed-slow', slow), runIds);
    const successor = orchestratorProcess('successor-slow', slow);
    await expectCompletedOnce(runIds, successor);
    // No result was given up on: none went to the dead-letter stream to be revived.
    const topology = await ensureJobStreams(await jetstreamManager(h.nc), {
      prefix: h.config().NATS_SUBJECT_PREFIX,
      ackWaitMs: h.config().JOB_ACK_WAIT_MS,
      maxAttempts: h.config().JOB_MAX_ATTEMPTS,
    });
    const dead = await (await jetstreamManager(h.nc)).streams.info(topology.streams.deadLetters);
    expect(dead.state.messages).toBe(0);
    await successor.kill();
  }, 180_000);
});
