/**
 * Real: PostgreSQL (a clone of the migrated template). Leases are the only way an orchestrator gets to drive
 * a run, so who may claim what is checked here row by row, including the runs a replica already drives.
 */
import { PgDatabase } from '../db/pg-database';
import { OrchestratorHarness } from '../testing/orchestrator.harness';
import { seedQueuedRuns } from '../testing/seed-run';
import { RunLeaseRepository } from './run-lease.repository';

describe('RunLeaseRepository.claim', () => {
  const h = new OrchestratorHarness();
  let db: PgDatabase;
  let mine: RunLeaseRepository;
  let theirs: RunLeaseRepository;

  beforeAll(async () => {
    await h.setUp();
    db = new PgDatabase(h.db.url, 4, () => undefined);
    mine = new RunLeaseRepository(db, 'replica-a', 15_000);
    theirs = new RunLeaseRepository(db, 'replica-b', 15_000);
  });
  afterAll(async () => {
    await db.end();
    await h.tearDown();
  });

  async function seedRuns(count: number): Promise<string[]> {
    return (await seedQueuedRuns(h.db.url, count)).map((run) => run.runId);
  }

  async function lease(runId: string, owner: string | null, expiresIn: string | null): Promise<void> {
    await h.sql.query(
      `UPDATE project_runs SET lease_owner = $2,
         lease_expires_at = CASE WHEN $3::interval IS NULL THEN NULL ELSE clock_timestamp() + $3::interval END
       WHERE id = $1`,
      [runId, owner, expiresIn],
    );
  }

  async function leaseRow(
    runId: string,
  ): Promise<{ lease_owner: string | null; lease_expires_at: Date | null }> {
    const { rows } = await h.sql.query<{ lease_owner: string | null; lease_expires_at: Date | null }>(
      `SELECT lease_owner, lease_expires_at FROM project_runs WHERE id = $1`,
      [runId],
    );
    return rows[0]!;
  }

  const ids = (claimed: { runId: string }[]) => claimed.map((run) => run.runId).sort();

  it("takes free, expired and its own idle runs; leaves another replica's live lease and the runs it drives", async () => {
    const [free, expired, held, driven, ownIdle] = await seedRuns(5);
    await lease(expired!, 'replica-b', '-1 second');
    await lease(held!, 'replica-b', '10 minutes');
    await lease(driven!, 'replica-a', '10 minutes');
    await lease(ownIdle!, 'replica-a', '10 minutes');
    const drivenBefore = await leaseRow(driven!);

    const claimed = await mine.claim(10, { driving: [driven!] });

    expect(ids(claimed)).toEqual([free!, expired!, ownIdle!].sort());
    for (const runId of [free!, expired!, ownIdle!])
      expect((await leaseRow(runId)).lease_owner).toBe('replica-a');
    expect((await leaseRow(held!)).lease_owner).toBe('replica-b');
    // A run this replica drives is not rewritten by the claim: its renewal keeps it.
    expect(await leaseRow(driven!)).toEqual(drivenBefore);
    // What a claim hands over is what taking the run up needs.
    expect(claimed.find((run) => run.runId === free)).toMatchObject({
      status: 'QUEUED',
      startedAt: null,
      requirements: expect.stringContaining('todo') as string,
    });
  });

  it('claims only the run it is asked for, and nothing when that run is held elsewhere', async () => {
    const [asked, other, held] = await seedRuns(3);
    await lease(held!, 'replica-b', '10 minutes');

    expect(ids(await mine.claim(10, { only: asked! }))).toEqual([asked!]);
    expect((await leaseRow(other!)).lease_owner).toBeNull();
    expect(await mine.claim(10, { only: held! })).toEqual([]);
    expect((await leaseRow(held!)).lease_owner).toBe('replica-b');
  });

  it('never claims a run that ended, or a paused one that never started', async () => {
    const [completed, pausedUnstarted, pausedStarted] = await seedRuns(3);
    await h.sql.query(`UPDATE project_runs SET status = 'COMPLETED' WHERE id = $1`, [completed]);
    await h.sql.query(`UPDATE project_runs SET status = 'PAUSED' WHERE id = $1`, [pausedUnstarted]);
    await h.sql.query(
      `UPDATE project_runs SET status = 'PAUSED', started_at = clock_timestamp() WHERE id = $1`,
      [pausedStarted],
    );

    const claimed = await mine.claim(10, { only: completed! });
    expect(claimed).toEqual([]);
    expect(await mine.claim(10, { only: pausedUnstarted! })).toEqual([]);
    expect(ids(await mine.claim(10, { only: pausedStarted! }))).toEqual([pausedStarted!]);
  });

  it('gives every run to at most one of two replicas claiming at once', async () => {
    // The runs of the cases above end, so that only these are claimable.
    await h.sql.query(`UPDATE project_runs SET status = 'COMPLETED'`);
    const runs = await seedRuns(6);

    const [a, b] = await Promise.all([mine.claim(4), theirs.claim(4)]);

    const takenByA = ids(a);
    const takenByB = ids(b);
    expect(takenByA.filter((runId) => takenByB.includes(runId))).toEqual([]);
    expect([...takenByA, ...takenByB].sort()).toEqual([...runs].sort());
    for (const runId of takenByA) expect((await leaseRow(runId)).lease_owner).toBe('replica-a');
    for (const runId of takenByB) expect((await leaseRow(runId)).lease_owner).toBe('replica-b');
  });
});
