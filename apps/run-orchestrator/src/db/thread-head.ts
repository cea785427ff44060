import type { CheckpointRow, WriteRow } from './checkpoint-rows';

/** The serialized value of one channel at one version, as its blob row holds it. */
export interface ChannelBlob {
  version: string;
  type: string;
  bytes: Uint8Array | undefined;
}

/**
 * What a thread's latest checkpoint tuple is made of, in the serialized form the tables hold: the newest
 * checkpoint row, the blob of every channel at its newest version, and the pending writes per checkpoint
 * (kept for the newest ids only; LangGraph writes to the checkpoint it just put). Enough to answer
 * getTuple(latest) exactly as the SELECT over the three tables would.
 */
export class ThreadHead {
  constructor(
    public checkpoint: CheckpointRow | null = null,
    readonly blobs = new Map<string, ChannelBlob>(),
    readonly writes = new Map<string, Map<string, WriteRow>>(),
  ) {}

  /** A copy a unit may change without touching the committed one (the rows themselves are never mutated). */
  clone(): ThreadHead {
    const writes = new Map([...this.writes].map(([id, rows]) => [id, new Map(rows)]));
    return new ThreadHead(this.checkpoint, new Map(this.blobs), writes);
  }

  /** Checkpoint ids are time-ordered (uuid6), so the newest is the greatest: what ORDER BY id DESC picks. */
  advance(row: CheckpointRow): void {
    if (this.checkpoint && this.checkpoint.id > row.id) return;
    this.checkpoint = row;
    for (const id of this.writes.keys()) if (id < row.id) this.writes.delete(id);
  }

  /**
   * Records pending writes of a checkpoint by (task, idx) with the tables' conflict rule: an upsert
   * replaces what is there, any other write keeps the first copy.
   */
  addWrites(rows: readonly WriteRow[], upsert: boolean): void {
    for (const row of rows) {
      const [, , checkpointId, taskId, idx] = row;
      let stored = this.writes.get(checkpointId);
      if (!stored) {
        stored = new Map();
        this.writes.set(checkpointId, stored);
      }
      const key = `${taskId}\0${idx}`;
      if (upsert || !stored.has(key)) stored.set(key, row);
    }
  }

  /** The newest checkpoint's writes in the order the stock SELECT returns them (task id, then idx). */
  headWrites(): WriteRow[] {
    const id = this.checkpoint?.id;
    const rows = id === undefined ? [] : [...(this.writes.get(id)?.values() ?? [])];
    return rows.sort((a, b) => (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : a[4] - b[4]));
  }
}
