/**
 * Real: PostgreSQL (a clone of the migrated template), the migrations, the schema's triggers and indexes.
 * Faked: nothing. Lives beside the template helpers (not in persistence) so the libraries do not import
 * each other in a circle.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  assertSchemaCurrent,
  createDataSource,
  ensureDatabaseExists,
  migrations,
  pendingMigrations,
  runMigrations,
  withDatabase,
} from '@shipyard/shared/persistence';
import { createTestDatabase, type TestDatabase } from './create-test-database';

describe('schema and migrations', () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('has every migration applied in the cloned template', async () => {
    const ds = createDataSource({ url: db.url, poolSize: 1 });
    await ds.initialize();
    try {
      await expect(pendingMigrations(ds)).resolves.toEqual([]);
      await expect(assertSchemaCurrent(ds)).resolves.toBeUndefined();
    } finally {
      await ds.destroy();
    }
  });

  it('compresses checkpoint blobs with lz4 (this server has it)', async () => {
    const { rows } = await client.query<{ table: string; compression: string }>(
      `SELECT c.relname AS table, a.attcompression AS compression
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relname IN ('checkpoint_blobs', 'checkpoint_writes') AND a.attname = 'blob'
        ORDER BY c.relname`,
    );
    expect(rows).toEqual([
      { table: 'checkpoint_blobs', compression: 'l' },
      { table: 'checkpoint_writes', compression: 'l' },
    ]);
  });

  const allNames = migrations.map((Migration) => new Migration().name);

  it('creates a missing database, migrates it once, and a second run applies nothing', async () => {
    const url = withDatabase(db.url, `${db.name}_fresh`);
    try {
      await expect(ensureDatabaseExists(url)).resolves.toBe(true);
      await expect(ensureDatabaseExists(url)).resolves.toBe(false);
      const ds = createDataSource({ url, poolSize: 1 });
      await ds.initialize();
      await expect(assertSchemaCurrent(ds)).rejects.toThrow(
        `database schema is behind: ${allNames.length} pending migration(s): ${allNames.join(', ')}; run \`npm run migrate\``,
      );
      await ds.destroy();
      await expect(runMigrations(url)).resolves.toEqual(allNames);
      await expect(runMigrations(url)).resolves.toEqual([]);
    } finally {
      await client.query(`DROP DATABASE IF EXISTS "${db.name}_fresh" WITH (FORCE)`);
    }
  });

  async function seedRun(): Promise<{
    tenantId: string;
    projectId: string;
    runId: string;
    templateId: string;
  }> {
    const tenantId = randomUUID();
    const templateId = randomUUID();
    const projectId = randomUUID();
    const runId = randomUUID();
    await client.query(`INSERT INTO tenants (id, name) VALUES ($1, 't')`, [tenantId]);
    await client.query(`INSERT INTO project_templates (id, tenant_id, latest_version) VALUES ($1, $2, 1)`, [
      templateId,
      tenantId,
    ]);
    await client.query(
      `INSERT INTO project_template_versions (template_id, version, tenant_id, name, config) VALUES ($1, 1, $2, 'v1', '{"a":1}')`,
      [templateId, tenantId],
    );
    await client.query(
      `INSERT INTO projects (id, tenant_id, name, template_id, template_version) VALUES ($1, $2, 'p', $3, 1)`,
      [projectId, tenantId, templateId],
    );
    await client.query(
      `INSERT INTO project_runs (id, tenant_id, project_id, config_snapshot) VALUES ($1, $2, $3, '{"a":1}')`,
      [runId, tenantId, projectId],
    );
    return { tenantId, projectId, runId, templateId };
  }

  it('rejects any UPDATE of a template version row', async () => {
    const { templateId } = await seedRun();
    await expect(
      client.query(`UPDATE project_template_versions SET name = 'changed' WHERE template_id = $1`, [
        templateId,
      ]),
    ).rejects.toMatchObject({ code: '23001' });
    const { rows } = await client.query(`SELECT name FROM project_template_versions WHERE template_id = $1`, [
      templateId,
    ]);
    expect(rows).toEqual([{ name: 'v1' }]);
  });

  it('freezes a run config_snapshot but lets its status change', async () => {
    const { runId } = await seedRun();
    await expect(
      client.query(`UPDATE project_runs SET config_snapshot = '{"a":2}' WHERE id = $1`, [runId]),
    ).rejects.toMatchObject({ code: '23001' });
    await client.query(`UPDATE project_runs SET status = 'PAUSED' WHERE id = $1`, [runId]);
    const { rows } = await client.query(`SELECT status, config_snapshot FROM project_runs WHERE id = $1`, [
      runId,
    ]);
    expect(rows).toEqual([{ status: 'PAUSED', config_snapshot: { a: 1 } }]);
  });

  it('refuses a second active run of one project, allows one after the first finishes', async () => {
    const { tenantId, projectId, runId } = await seedRun();
    await expect(
      client.query(
        `INSERT INTO project_runs (tenant_id, project_id, config_snapshot) VALUES ($1, $2, '{}')`,
        [tenantId, projectId],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'uq_run_one_active_per_project' });
    await client.query(`UPDATE project_runs SET status = 'COMPLETED' WHERE id = $1`, [runId]);
    await client.query(
      `INSERT INTO project_runs (tenant_id, project_id, config_snapshot) VALUES ($1, $2, '{}')`,
      [tenantId, projectId],
    );
  });

  it('deletes everything under a project with it', async () => {
    const { tenantId, projectId, runId } = await seedRun();
    const taskId = randomUUID();
    const commentId = randomUUID();
    await client.query(`INSERT INTO tasks (id, tenant_id, run_id, title) VALUES ($1, $2, $3, 't')`, [
      taskId,
      tenantId,
      runId,
    ]);
    await client.query(
      `INSERT INTO task_comments (id, tenant_id, task_id, run_id, comment_type, author_role, body) VALUES ($1, $2, $3, $4, 'NOTE', 'user', 'b')`,
      [commentId, tenantId, taskId, runId],
    );
    await client.query(
      `INSERT INTO replies (tenant_id, comment_id, author_role, body) VALUES ($1, $2, 'user', 'r')`,
      [tenantId, commentId],
    );
    await client.query(
      `INSERT INTO artifacts (tenant_id, run_id, task_id, kind, path, content_hash, size_bytes, media_type) VALUES ($1, $2, $3, 'code', 'a.ts', 'h', 1, 'text/plain')`,
      [tenantId, runId, taskId],
    );
    await client.query(`DELETE FROM projects WHERE id = $1`, [projectId]);
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM project_runs WHERE project_id = $1)::int AS runs,
              (SELECT count(*) FROM tasks WHERE run_id = $2)::int AS tasks,
              (SELECT count(*) FROM task_comments WHERE run_id = $2)::int AS comments,
              (SELECT count(*) FROM replies WHERE comment_id = $3)::int AS replies,
              (SELECT count(*) FROM artifacts WHERE run_id = $2)::int AS artifacts`,
      [projectId, runId, commentId],
    );
    expect(rows[0]).toEqual({ runs: 0, tasks: 0, comments: 0, replies: 0, artifacts: 0 });
  });
});
