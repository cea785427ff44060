/**
 * Real: PostgreSQL (a clone of the migrated template). A job's files are one bundle with a row per file,
 * written with the step's transaction; reads come from memory when the bundle is recent and give the
 * same answer as the table, scoped to the tenant and run.
 */
import type { FileChange } from '@shipyard/contracts';
import { createTestDatabase, type TestDatabase } from '@shipyard/shared/testing';
import { PgDatabase } from '../db/pg-database';
import { seedQueuedRun, type SeededRun } from '../testing/seed-run';
import { PgArtifactStore } from './pg-artifact-store';

describe('PgArtifactStore', () => {
  let testDb: TestDatabase;
  let db: PgDatabase;
  let run: SeededRun;
  const files = [
    { path: 'src/app.ts', content: 'export const app = "ünïcode \\u0000-free";\n' },
    { path: 'README.md', content: '# App\n' },
  ] as FileChange[];
  const onHookError = (error: unknown) => {
    throw error;
  };
  const count = async (table: string, runId = run.runId) =>
    Number(
      (await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE run_id = $1`, [runId]))[0]?.n,
    );

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = new PgDatabase(testDb.url, 2, () => undefined);
    run = await seedQueuedRun(testDb.url);
  });

  afterAll(async () => {
    await db.end();
    await testDb.drop();
  });

  it('stores a job once, reads it back from memory and from the table alike, and only under its scope', async () => {
    const store = new PgArtifactStore(db);
    const scope = { tenantId: run.tenantId, runId: run.runId, jobId: 'job-1' };
    const ref = await store.putFiles(scope, files);
    expect(await store.putFiles(scope, files)).toEqual(ref);
    expect(ref.fileCount).toBe(2);
    expect(await store.readFiles(scope, ref.id)).toEqual(files);
    // Another instance has nothing in memory: the table answers the same.
    expect(await new PgArtifactStore(db).readFiles(scope, ref.id)).toEqual(files);
    // Neither memory nor table answers for another run's scope.
    const other = { tenantId: run.tenantId, runId: '00000000-0000-4000-8000-000000000000' };
    expect(await store.readFiles(other, ref.id)).toEqual([]);
    expect(await new PgArtifactStore(db).readFiles(other, ref.id)).toEqual([]);
    expect(await count('artifacts')).toBe(2);
    expect(await count('artifact_bundles')).toBe(1);
  });

  it('commits with the step that stores it, and leaves nothing when the step rolls back', async () => {
    const store = new PgArtifactStore(db);
    const scope = { tenantId: run.tenantId, runId: run.runId, jobId: 'job-rolled-back' };
    const before = await count('artifact_bundles');
    let refId = '';
    await expect(
      db.unit(async () => {
        refId = (await store.putFiles(scope, files)).id;
        throw new Error('step failed');
      }, onHookError),
    ).rejects.toThrow('step failed');
    expect(await count('artifact_bundles')).toBe(before);
    expect(await new PgArtifactStore(db).readFiles(scope, refId)).toEqual([]);
    const committed = { ...scope, jobId: 'job-committed' };
    const ref = await db.unit(() => store.putFiles(committed, files), onHookError);
    expect(await new PgArtifactStore(db).readFiles(committed, ref.id)).toEqual(files);
  });

  it('stores nothing for a run that has ended, and does not remember it as stored', async () => {
    const ended = await seedQueuedRun(testDb.url);
    await db.query(`UPDATE project_runs SET status = 'STOPPED_USER', finished_at = now() WHERE id = $1`, [
      ended.runId,
    ]);
    const store = new PgArtifactStore(db);
    const scope = { tenantId: ended.tenantId, runId: ended.runId, jobId: 'late-job' };
    const ref = await store.putFiles(scope, files);
    expect(await store.readFiles(scope, ref.id)).toEqual([]);
    expect(await count('artifact_bundles', ended.runId)).toBe(0);
  });

  it('answers an unknown or malformed ref with no files', async () => {
    const store = new PgArtifactStore(db);
    const scope = { tenantId: run.tenantId, runId: run.runId };
    expect(await store.readFiles(scope, '11111111-1111-4111-8111-111111111111')).toEqual([]);
    expect(await store.readFiles(scope, "x'; DROP TABLE artifacts; --")).toEqual([]);
  });
});
