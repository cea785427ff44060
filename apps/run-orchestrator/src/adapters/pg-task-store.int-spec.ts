/**
 * Real: PostgreSQL (a clone of the migrated template). The PM's plan becomes the run's task rows in one
 * statement: ids derived from the plan keys, parents and dependencies linked whatever order the plan lists
 * them in, listed back in planning order, written once however often it is saved, and only with the step
 * that saves it (never for a run that ended).
 */
import type { PlannedTask } from '@shipyard/contracts';
import { createTestDatabase, type TestDatabase } from '@shipyard/shared/testing';
import { PgDatabase } from '../db/pg-database';
import { seedQueuedRun } from '../testing/seed-run';
import { PgTaskStore } from './pg-task-store';

interface TaskRow {
  id: string;
  parent_task_id: string | null;
  title: string;
  description: string;
  depends_on: string[];
  acceptance_criteria: string[];
  status: string;
}

describe('PgTaskStore.savePlan', () => {
  let testDb: TestDatabase;
  let db: PgDatabase;
  const onHookError = (error: unknown) => {
    throw error;
  };
  // The child comes before its parent, and the API task depends on a task listed after it.
  const plan: PlannedTask[] = [
    {
      key: 'api',
      title: 'API',
      description: 'routes',
      parentKey: 'app',
      dependsOn: ['schema'],
      acceptanceCriteria: ['lists todos', 'completes a todo'],
    },
    { key: 'app', title: 'x'.repeat(600), description: '', dependsOn: [], acceptanceCriteria: [] },
    {
      key: 'schema',
      title: 'Schema ü',
      description: 'tables',
      parentKey: 'app',
      dependsOn: [],
      acceptanceCriteria: ['has a todos table'],
    },
  ];
  const rowsOf = (runId: string) =>
    db.query<TaskRow>(
      `SELECT id, parent_task_id, title, description, depends_on, acceptance_criteria, status
         FROM tasks WHERE run_id = $1 ORDER BY created_at, id`,
      [runId],
    );

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = new PgDatabase(testDb.url, 2, () => undefined);
  });

  afterAll(async () => {
    await db.end();
    await testDb.drop();
  });

  it('writes the tree once, linked and in planning order, parents first', async () => {
    const run = await seedQueuedRun(testDb.url);
    const store = new PgTaskStore(db);
    const tree = await store.savePlan(run, plan);
    const byKey = Object.fromEntries(tree.map((task) => [task.key, task]));
    const [api, app, schema] = [byKey['api'], byKey['app'], byKey['schema']];
    expect(api?.parentId).toBe(app?.id);
    expect(api?.dependsOn).toEqual([schema?.id]);

    const rows = await rowsOf(run.runId);
    expect(rows).toEqual([
      {
        id: app?.id,
        parent_task_id: null,
        title: 'x'.repeat(500),
        description: '',
        depends_on: [],
        acceptance_criteria: [],
        status: 'PENDING',
      },
      {
        id: api?.id,
        parent_task_id: app?.id,
        title: 'API',
        description: 'routes',
        depends_on: [schema?.id],
        acceptance_criteria: ['lists todos', 'completes a todo'],
        status: 'PENDING',
      },
      {
        id: schema?.id,
        parent_task_id: app?.id,
        title: 'Schema ü',
        description: 'tables',
        depends_on: [],
        acceptance_criteria: ['has a todos table'],
        status: 'PENDING',
      },
    ]);
    // The planning order does not rest on ties broken by id: every row has its own created_at.
    const [{ n }] = (await db.query<{ n: string }>(
      `SELECT count(DISTINCT created_at) AS n FROM tasks WHERE run_id = $1`,
      [run.runId],
    )) as [{ n: string }];
    expect(Number(n)).toBe(3);

    // Saved again (the node re-ran after a crash): the same ids, nothing new.
    expect(await store.savePlan(run, plan)).toEqual(tree);
    expect(await rowsOf(run.runId)).toEqual(rows);
  });

  it('commits with the step that saves it and leaves nothing when the step rolls back', async () => {
    const run = await seedQueuedRun(testDb.url);
    const store = new PgTaskStore(db);
    await expect(
      db.unit(async () => {
        await store.savePlan(run, plan);
        throw new Error('step failed');
      }, onHookError),
    ).rejects.toThrow('step failed');
    expect(await rowsOf(run.runId)).toEqual([]);

    await db.unit(() => store.savePlan(run, plan), onHookError);
    expect(await rowsOf(run.runId)).toHaveLength(3);
  });

  it('fails the step that saves a plan the table refuses', async () => {
    const run = await seedQueuedRun(testDb.url);
    // PostgreSQL text cannot hold NUL: the statement fails, and with it the step's COMMIT.
    const refused = [{ ...plan[1], key: 'nul', title: 'bad \u0000 title' } as PlannedTask];
    await expect(db.unit(() => new PgTaskStore(db).savePlan(run, refused), onHookError)).rejects.toThrow();
    expect(await rowsOf(run.runId)).toEqual([]);
  });

  it('writes nothing for a run that has ended', async () => {
    const run = await seedQueuedRun(testDb.url);
    await db.query(`UPDATE project_runs SET status = 'STOPPED_USER' WHERE id = $1`, [run.runId]);
    await new PgTaskStore(db).savePlan(run, plan);
    expect(await rowsOf(run.runId)).toEqual([]);
  });
});
