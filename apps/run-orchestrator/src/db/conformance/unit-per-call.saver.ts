import type { RunnableConfig } from '@langchain/core/runnables';
import {
  BaseCheckpointSaver,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointTuple,
  type PendingWrite,
} from '@langchain/langgraph-checkpoint';
import type { PgDatabase } from '../pg-database';

/**
 * Runs every call of the saver it wraps in a PgDatabase unit of its own, as a graph step would, so that
 * the conformance suite goes through the write-behind buffer, the flush before COMMIT and the cache of the
 * thread's latest tuple instead of the direct path. `list` is collected inside its unit, then yielded.
 */
export class UnitPerCallSaver extends BaseCheckpointSaver {
  constructor(
    private readonly inner: BaseCheckpointSaver,
    private readonly db: PgDatabase,
  ) {
    super(inner.serde);
  }

  override getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    return this.inUnit(() => this.inner.getTuple(config));
  }

  override async *list(
    config: RunnableConfig,
    options?: CheckpointListOptions,
  ): AsyncGenerator<CheckpointTuple> {
    const tuples = await this.inUnit(async () => {
      const collected: CheckpointTuple[] = [];
      for await (const tuple of this.inner.list(config, options)) collected.push(tuple);
      return collected;
    });
    yield* tuples;
  }

  override put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    return this.inUnit(() => this.inner.put(config, checkpoint, metadata, newVersions));
  }

  override putWrites(
    config: RunnableConfig,
    writes: PendingWrite[],
    taskId: string,
    taskPath?: string,
  ): Promise<void> {
    return this.inUnit(() => this.inner.putWrites(config, writes, taskId, taskPath));
  }

  override deleteThread(threadId: string): Promise<void> {
    return this.inUnit(() => this.inner.deleteThread(threadId));
  }

  override getNextVersion(current: number | undefined): number {
    return this.inner.getNextVersion(current);
  }

  private inUnit<T>(work: () => Promise<T>): Promise<T> {
    return this.db.unit(work, (error) => {
      throw error;
    });
  }
}
