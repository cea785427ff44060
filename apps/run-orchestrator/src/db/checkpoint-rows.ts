import { WRITES_IDX_MAP } from '@langchain/langgraph-checkpoint';

/**
 * The rows of LangGraph's three checkpoint tables as the Postgres saver writes them, and the one statement
 * that writes any number of them. Same tables, same conflict rules as the stock saver: blobs are immutable
 * per (channel, version); a checkpoint row is upserted; a task's ordinary writes keep the first copy while a
 * call made only of special writes (error, interrupt, resume) overwrites.
 */

/** Beyond this many rows a statement shape is rare: it is not kept prepared. */
const MAX_NAMED_ROWS = 48;

export const BLOBS = `"public".checkpoint_blobs`;
export const CHECKPOINTS = `"public".checkpoints`;
export const WRITES = `"public".checkpoint_writes`;

/** thread_id, checkpoint_ns, channel, version, type, blob (null for the "empty" marker). */
export type BlobRow = [string, string, string, string, string, Uint8Array | undefined];
/** thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, blob. */
export type WriteRow = [string, string, string, string, number, string, string, Uint8Array];

export interface CheckpointRow {
  threadId: string;
  ns: string;
  id: string;
  parentId: string | undefined;
  /** The checkpoint without its channel values, as JSON text (what the jsonb column receives). */
  checkpointJson: string;
  /** The dumped metadata object. */
  metadata: unknown;
}

export const blobKey = (row: BlobRow) => `${row[0]}\0${row[1]}\0${row[2]}\0${row[3]}`;
export const writeKey = (row: WriteRow) => `${row[0]}\0${row[1]}\0${row[2]}\0${row[3]}\0${row[4]}`;
export const checkpointKey = (row: CheckpointRow) => `${row.threadId}\0${row.ns}\0${row.id}`;

/** A putWrites call made only of special channels overwrites what is stored; any other keeps the first. */
export function overwrites(writes: readonly (readonly [string, unknown])[]): boolean {
  return writes.every(([channel]) => channel in WRITES_IDX_MAP);
}

/** Rows waiting for one statement, already deduplicated the way the stock saver's row-by-row calls resolve. */
export class CheckpointRowBuffer {
  readonly blobs = new Map<string, BlobRow>();
  readonly checkpoints = new Map<string, CheckpointRow>();
  /** Keyed rows and whether each upserts; a key is in one mode only, so one statement never hits a row twice. */
  readonly writes = new Map<string, { row: WriteRow; upsert: boolean }>();

  addBlobs(rows: BlobRow[]): void {
    for (const row of rows) if (!this.blobs.has(blobKey(row))) this.blobs.set(blobKey(row), row);
  }

  addCheckpoint(row: CheckpointRow): void {
    this.checkpoints.set(checkpointKey(row), row);
  }

  addWrites(rows: WriteRow[], upsert: boolean): void {
    for (const row of rows) {
      const key = writeKey(row);
      const held = this.writes.get(key);
      // DO NOTHING after anything keeps what is there; an upsert replaces it (and stays an upsert).
      if (held && !upsert) continue;
      this.writes.set(key, { row, upsert: upsert || (held?.upsert ?? false) });
    }
  }

  get empty(): boolean {
    return this.blobs.size === 0 && this.checkpoints.size === 0 && this.writes.size === 0;
  }

  clear(): void {
    this.blobs.clear();
    this.checkpoints.clear();
    this.writes.clear();
  }

  /**
   * One statement writing every buffered row (data-modifying CTEs all run, read or not), or null if none.
   * Its text depends only on how many rows of each kind there are, and one graph's steps come in a few such
   * shapes: a shape of up to MAX_NAMED_ROWS rows gets a name, so each connection parses and plans it once
   * (measured: parse and bind were a third of this statement's server time).
   */
  statement(): { text: string; values: unknown[]; name?: string } | null {
    if (this.empty) return null;
    const values: unknown[] = [];
    const rowsOf = (rows: unknown[][]) =>
      rows.map((row) => `(${row.map((value) => `$${values.push(value)}`).join(', ')})`).join(', ');
    const parts: string[] = [];
    if (this.blobs.size > 0) {
      parts.push(`INSERT INTO ${BLOBS} (thread_id, checkpoint_ns, channel, version, type, blob)
        VALUES ${rowsOf([...this.blobs.values()])}
        ON CONFLICT (thread_id, checkpoint_ns, channel, version) DO NOTHING`);
    }
    for (const upsert of [false, true]) {
      const rows = [...this.writes.values()].filter((w) => w.upsert === upsert).map((w) => w.row);
      if (rows.length === 0) continue;
      parts.push(`INSERT INTO ${WRITES} (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, blob)
        VALUES ${rowsOf(rows)}
        ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id, task_id, idx) DO ${
          upsert
            ? 'UPDATE SET channel = EXCLUDED.channel, type = EXCLUDED.type, blob = EXCLUDED.blob'
            : 'NOTHING'
        }`);
    }
    if (this.checkpoints.size > 0) {
      const rows = [...this.checkpoints.values()].map((c) => [
        c.threadId,
        c.ns,
        c.id,
        c.parentId,
        c.checkpointJson,
        c.metadata,
      ]);
      parts.push(`INSERT INTO ${CHECKPOINTS} (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata)
        VALUES ${rowsOf(rows)}
        ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id)
        DO UPDATE SET checkpoint = EXCLUDED.checkpoint, metadata = EXCLUDED.metadata`);
    }
    const main = parts.pop() as string;
    const text =
      parts.length === 0 ? main : `WITH ${parts.map((p, i) => `w${i} AS (${p})`).join(', ')} ${main}`;
    const upserts = [...this.writes.values()].filter((w) => w.upsert).length;
    const shape = [this.blobs.size, this.writes.size - upserts, upserts, this.checkpoints.size];
    const rows = shape.reduce((a, b) => a + b, 0);
    return rows <= MAX_NAMED_ROWS
      ? { text, values, name: `checkpoint-rows-${shape.join('-')}` }
      : { text, values };
  }
}
