import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import pg from 'pg';

/**
 * A PostgresSaver on a pool of its own. `pool.end()` can resolve while an idle connection is still
 * closing; dropping the scratch database (WITH FORCE) then terminates it, and an unhandled 'error' on the
 * pool would crash the process. That termination (57P01) is expected at teardown; anything else is reported.
 */
export function createPostgresSaver(url: string): PostgresSaver {
  const pool = new pg.Pool({ connectionString: url });
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') console.error('checkpointer pool error', error);
  });
  return new PostgresSaver(pool);
}
