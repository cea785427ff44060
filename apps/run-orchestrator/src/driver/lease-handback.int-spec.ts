import type { AgentJob } from '@shipyard/contracts';
import { pollUntil } from '@shipyard/shared/testing';
import { announceRun } from '../testing/announce-run';
import { OrchestratorHarness } from '../testing/orchestrator.harness';
import type { ScriptedWorkers } from '../testing/scripted-workers';
import { seedQueuedRun } from '../testing/seed-run';
import type { Orchestrator } from './orchestrator';

// Real: PostgreSQL, NATS JetStream, two orchestrators in this process. Scripted: the agents.
// A lease can leave an orchestrator and come back to it before it noticed (a renewal that found the row
// busy counts it as held): what it remembers about the run is then older than the run.

const ENDED = ['COMPLETED', 'FAILED', 'STOPPED_BUDGET', 'STOPPED_USER', 'STOPPED_TIMEOUT'];

describe('a lease that comes back to an orchestrator after another one drove the run', () => {
  const h = new OrchestratorHarness();
  let stale: Orchestrator;
  let other: Orchestrator;
  let workers: ScriptedWorkers;

  beforeAll(async () => {
    await h.setUp();
    // `stale` never ticks on its own (so never notices the lease moving) and its lease outlives the spec.
    stale = await h.startOrchestrator({ ORCHESTRATOR_TICK_MS: '200000', ORCHESTRATOR_LEASE_MS: '600000' });
    workers = await h.startWorkers(stale.topology);
  });
  afterAll(() => h.tearDown());

  const jobOf = (runId: string, done: Set<string>) =>
    pollUntil(() => workers.seen.find((j) => j.runId === runId && !done.has(j.jobId)), { timeoutMs: 20_000 });

  async function moveLease(runId: string, to: Orchestrator): Promise<void> {
    await h.sql.query(
      `UPDATE project_runs SET lease_owner = $2, lease_expires_at = clock_timestamp() + interval '10 minutes'
       WHERE id = $1`,
      [runId, to.owner],
    );
  }

  it("applies the run's next result instead of taking it for a stale one", async () => {
    const seeded = await seedQueuedRun(h.db.url);
    const { runId } = seeded;
    workers.silentRuns.add(runId);
    const done = new Set<string>();
    announceRun(h.nc, h.prefix, seeded);
    await pollUntil(() => stale.ownedRunIds().includes(runId), { timeoutMs: 20_000 });
    const first: AgentJob = await jobOf(runId, done);
    done.add(first.jobId);
    // Started only now, so that it does not claim the run first.
    other = await h.startOrchestrator();

    // The other orchestrator gets the lease and applies the first result: the run now waits for a second job.
    await moveLease(runId, other);
    await pollUntil(() => other.ownedRunIds().includes(runId), { timeoutMs: 20_000 });
    expect(await other.applyResult(workers.answer(first))).toBe('applied');
    const second = await jobOf(runId, done);
    done.add(second.jobId);

    // The lease comes back to `stale`, which still remembers the run waiting for the first job.
    await moveLease(runId, stale);
    await pollUntil(() => !other.ownedRunIds().includes(runId), { timeoutMs: 20_000 });
    expect(stale.ownedRunIds()).toContain(runId);
    expect(await stale.applyResult(workers.answer(second))).toBe('applied');

    // The rest of the run goes through the agents as usual, and every effect is there once.
    const third = await jobOf(runId, done);
    workers.silentRuns.delete(runId);
    expect(await stale.applyResult(workers.answer(third))).toBe('applied');
    expect((await h.waitForStatus(runId, ENDED)).status).toBe('COMPLETED');
    const jobs = await h.count(`SELECT count(*) AS n FROM run_jobs WHERE run_id = $1`, [runId]);
    expect(await h.count(`SELECT count(*) AS n FROM run_usage WHERE run_id = $1`, [runId])).toBe(jobs);
    expect(Number((await h.run(runId)).total_tokens)).toBe(jobs * 150);
    expect(
      await h.count(`SELECT count(*) AS n FROM run_events WHERE run_id = $1 AND type = 'run.warning'`, [
        runId,
      ]),
    ).toBe(0);
  });
});
