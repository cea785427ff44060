import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agents also comment on the run as a whole (the PM's analysis and plan, the security summary, docs and
 * deployment notes): those comments have a run but no task. They used to be dropped; now they are kept,
 * with `task_id` null, and listed by run.
 */
export class RunLevelComments1764400000000 implements MigrationInterface {
  name = 'RunLevelComments1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE task_comments ALTER COLUMN task_id DROP NOT NULL`);
    await db.query(
      `CREATE INDEX idx_comment_tenant_run_created ON task_comments (tenant_id, run_id, created_at, id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS idx_comment_tenant_run_created`);
    await db.query(`DELETE FROM task_comments WHERE task_id IS NULL`);
    await db.query(`ALTER TABLE task_comments ALTER COLUMN task_id SET NOT NULL`);
  }
}
