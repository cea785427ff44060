/**
 * Real: PostgreSQL (a clone of the migrated template), the orchestrator and its checkpointer, scripted
 * agents on this file's own JetStream streams. A run that ended keeps its report, tasks, comments, usage and
 * events; only LangGraph's rows go, once the retention has passed, and an active run's never do.
 */
import { pollUntil } from '@shipyard/shared/test-utils';
import { PgDatabase } from '../db/pg-database';
import { OrchestratorHarness } from '../testing/orchestrator.harness';
import { seedQueuedRun } from '../testing/seed-run';
import { CheckpointRetention } from './checkpoint-retention';

describe('checkpoint retention', () => {
  const h = new OrchestratorHarness();
  let db: PgDatabase;

  beforeAll(async () => {
    await h.setUp();
    db = new PgDatabase(h.db.url, 2, () => undefined);
  });
  afterAll(async () => {
    await db.end();
    await h.tearDown();
  });

  const rowsOf = async (runId: string) => ({
    checkpoints: await h.count(`SELECT count(*) AS n FROM checkpoints WHERE thread_id = $1`, [runId]),
    blobs: await h.count(`SELECT count(*) AS n FROM checkpoint_blobs WHERE thread_id = $1`, [runId]),
    writes: await h.count(`SELECT count(*) AS n FROM checkpoint_writes WHERE thread_id = $1`, [runId]),
  });
  const keptOf = async (runId: string) => ({
    tasks: await h.count(`SELECT count(*) AS n FROM tasks WHERE run_id = $1`, [runId]),
    events: await h.count(`SELECT count(*) AS n FROM run_events WHERE run_id = $1`, [runId]),
    usage: await h.count(`SELECT count(*) AS n FROM run_usage WHERE run_id = $1`, [runId]),
    report: (await h.run(runId)).final_report?.outcome,
  });

  it('prunes an ended run once its retention has passed, keeps what users read, and leaves active runs', async () => {
    const orchestrator = await h.startOrchestrator();
    const workers = await h.startWorkers(orchestrator.topology);
    const { runId: ended } = await seedQueuedRun(h.db.url);
    expect((await h.waitForStatus(ended, ['COMPLETED'])).status).toBe('COMPLETED');
    const { runId: active } = await seedQueuedRun(h.db.url);
    workers.silentRuns.add(active);
    await h.waitForStatus(active, ['RUNNING']);
    // RUNNING is written when the run is claimed; its first checkpoint commits with the first step, a
    // moment later. Once the PM's job is out (and never answered) the rows stay as they are.
    const activeBefore = await pollUntil(
      async () => {
        const rows = await rowsOf(active);
        return rows.checkpoints > 0 ? rows : null;
      },
      { timeoutMs: 30_000, description: "the active run's first checkpoint" },
    );
    expect((await rowsOf(ended)).checkpoints).toBeGreaterThan(0);
    const kept = await keptOf(ended);

    // Not due yet: an hour of retention.
    expect(
      await new CheckpointRetention(db, { retentionHours: 1, intervalMs: 1000, batch: 10 }).pruneOnce(),
    ).toBe(0);
    expect((await rowsOf(ended)).checkpoints).toBeGreaterThan(0);

    // The run ended two hours ago.
    await h.sql.query(`UPDATE project_runs SET finished_at = now() - interval '2 hours' WHERE id = $1`, [
      ended,
    ]);
    const retention = new CheckpointRetention(db, { retentionHours: 1, intervalMs: 1000, batch: 10 });
    expect(await retention.pruneOnce()).toBe(1);
    expect(await rowsOf(ended)).toEqual({ checkpoints: 0, blobs: 0, writes: 0 });
    expect(await keptOf(ended)).toEqual(kept);
    expect(await rowsOf(active)).toEqual(activeBefore);
    // Done once: the next round finds nothing.
    expect(await retention.pruneOnce()).toBe(0);

    workers.silentRuns.delete(active);
    await h.stopOrchestrator(orchestrator);
  });

  it('lets one replica prune at a time and rounds come at most once per interval', async () => {
    class CountedRetention extends CheckpointRetention {
      rounds = 0;
      override pruneOnce(): Promise<number> {
        this.rounds += 1;
        return super.pruneOnce();
      }
    }
    const retention = new CountedRetention(db, { retentionHours: 0, intervalMs: 60_000, batch: 10 });
    const other = new PgDatabase(h.db.url, 1, () => undefined);
    try {
      // Another replica's round is under way: it holds the turn, so this one skips.
      await other.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(7311017)`, []);
        expect(await retention.pruneOnce()).toBe(0);
      });
      retention.rounds = 0;
      await retention.maybePrune(1_000_000);
      await retention.maybePrune(1_000_000 + 59_999);
      expect(retention.rounds).toBe(1);
      await retention.maybePrune(1_000_000 + 60_000);
      expect(retention.rounds).toBe(2);
    } finally {
      await other.end();
    }
  });
});
