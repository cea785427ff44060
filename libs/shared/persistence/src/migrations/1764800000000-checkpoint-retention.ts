import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * LangGraph's checkpoint tables never shrink on their own. A run that ended can never be resumed (its
 * report, tasks, comments, usage and events are all in their own tables), so its checkpoint rows are pruned
 * some time after it ended (the orchestrator's CheckpointRetention). `checkpoints_pruned_at` says which runs
 * are done, and the partial index finds the next ones to prune without reading every run ever made.
 */
export class CheckpointRetention1764800000000 implements MigrationInterface {
  name = 'CheckpointRetention1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE project_runs ADD COLUMN checkpoints_pruned_at timestamptz`);
    await db.query(
      `CREATE INDEX idx_run_checkpoints_unpruned ON project_runs (finished_at)
        WHERE finished_at IS NOT NULL AND checkpoints_pruned_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS idx_run_checkpoints_unpruned`);
    await db.query(`ALTER TABLE project_runs DROP COLUMN IF EXISTS checkpoints_pruned_at`);
  }
}
