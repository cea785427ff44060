import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The files one agent job produced, as one bundle per job, written in the same transaction as the step that
 * applies the job's result (so a step and its files commit together, and orchestrator replicas need no
 * shared volume). `artifacts` keeps a row per file (path, hash, size) for listing; the bundle is what the
 * next jobs (review, tests, scans) are given. Kept as JSON text: it is only ever read whole.
 */
export class ArtifactBundles1764700000000 implements MigrationInterface {
  name = 'ArtifactBundles1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE artifact_bundles (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES project_runs (id) ON DELETE CASCADE,
        job_id text NOT NULL,
        files text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX idx_artifact_bundles_run ON artifact_bundles (run_id)`);
    await db.query(`
      DO $$
      BEGIN
        ALTER TABLE artifact_bundles ALTER COLUMN files SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
        RAISE NOTICE 'lz4 is not available on this server; artifact bundles keep the default compression';
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS artifact_bundles`);
  }
}
