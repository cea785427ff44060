import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The run-event relay sweeps, every few seconds, the active runs and those that ended in the last hour
 * (`COALESCE(finished_at, updated_at)`). Without an index on that expression each sweep reads every run
 * ever made; with it (and the status index for the active ones) the sweep stays proportional to recent runs.
 */
export class RunSweepIndex1764500000000 implements MigrationInterface {
  name = 'RunSweepIndex1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX idx_run_last_change ON project_runs ((COALESCE(finished_at, updated_at))) WHERE event_seq > 0`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS idx_run_last_change`);
  }
}
