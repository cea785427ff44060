import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables of LangGraph's Postgres checkpointer (`@langchain/langgraph-checkpoint-postgres` 1.x), created
 * by our versioned migrations instead of by `PostgresSaver.setup()` at run time, so that the schema has
 * one owner and one history. The saver records its own migration versions in `checkpoint_migrations`;
 * we insert the versions these statements correspond to (0..4), so a `setup()` call finds nothing to do.
 * When the saver's package adds a migration, add it here as a new migration of ours.
 */
export class LanggraphCheckpoints1764200000000 implements MigrationInterface {
  name = 'LanggraphCheckpoints1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE checkpoint_migrations (v INTEGER PRIMARY KEY)`);
    await db.query(`
      CREATE TABLE checkpoints (
        thread_id TEXT NOT NULL,
        checkpoint_ns TEXT NOT NULL DEFAULT '',
        checkpoint_id TEXT NOT NULL,
        parent_checkpoint_id TEXT,
        type TEXT,
        checkpoint JSONB NOT NULL,
        metadata JSONB NOT NULL DEFAULT '{}',
        PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id)
      )`);
    await db.query(`
      CREATE TABLE checkpoint_blobs (
        thread_id TEXT NOT NULL,
        checkpoint_ns TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL,
        version TEXT NOT NULL,
        type TEXT NOT NULL,
        blob BYTEA,
        PRIMARY KEY (thread_id, checkpoint_ns, channel, version)
      )`);
    await db.query(`
      CREATE TABLE checkpoint_writes (
        thread_id TEXT NOT NULL,
        checkpoint_ns TEXT NOT NULL DEFAULT '',
        checkpoint_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        channel TEXT NOT NULL,
        type TEXT,
        blob BYTEA NOT NULL,
        PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
      )`);
    await db.query(`INSERT INTO checkpoint_migrations (v) VALUES (0), (1), (2), (3), (4)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS checkpoint_writes`);
    await db.query(`DROP TABLE IF EXISTS checkpoint_blobs`);
    await db.query(`DROP TABLE IF EXISTS checkpoints`);
    await db.query(`DROP TABLE IF EXISTS checkpoint_migrations`);
  }
}
