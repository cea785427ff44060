import type { BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import type { CheckpointSaverTestInitializer } from '@langchain/langgraph-checkpoint-validation';
import { runMigrations } from '@shipyard/shared/persistence';
import { createScratchDatabase, type ScratchDatabase } from '../../graph/testing/scratch-database';
import { BLOBS, CHECKPOINTS, WRITES } from '../checkpoint-rows';
import { PgDatabase } from '../pg-database';

/**
 * A `CheckpointSaverTestInitializer` for LangGraph's conformance suite (`validate-checkpointer`): a fresh
 * database of its own on the test server (DATABASE_URL's, else the local default), with the checkpoint
 * tables made by our migrations as in production, dropped at the end. The suite wants every checkpointer it
 * creates to see none of the previous one's rows (one is live at a time), so each starts on empty tables.
 */
export function conformanceInitializer<T extends BaseCheckpointSaver>(
  checkpointerName: string,
  make: (db: PgDatabase) => T,
): CheckpointSaverTestInitializer<T> {
  let scratch: ScratchDatabase | undefined;
  const databases = new Map<T, PgDatabase>();
  return {
    checkpointerName,
    beforeAllTimeout: 60_000,
    async beforeAll() {
      scratch = await createScratchDatabase();
      await runMigrations(scratch.url);
    },
    async afterAll() {
      await scratch?.drop();
    },
    async createCheckpointer() {
      if (!scratch) throw new Error('beforeAll did not create the database');
      const db = new PgDatabase(scratch.url, 4, (error) => console.error('idle client error', error));
      await db.query(`TRUNCATE ${CHECKPOINTS}, ${BLOBS}, ${WRITES}`);
      const saver = make(db);
      databases.set(saver, db);
      return saver;
    },
    async destroyCheckpointer(saver) {
      await databases.get(saver)?.end();
      databases.delete(saver);
    },
  };
}
