import type { Redis } from 'ioredis';
import type { RunEventView } from '@shipyard/contracts';
import { decodeStreamEntry } from './stream-entry';

type XReadReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

export interface StreamRead {
  /** Well-formed events of this run, in seq order. */
  events: RunEventView[];
  /** The id of the last entry Redis returned, well-formed or not; null when none came. */
  lastEntryId: string | null;
}

/**
 * Waits up to `blockMs` for entries of a run's Redis stream after entry id `after` (normally
 * `streamEntryId(lastSeq)`) and returns the events among them. Blocks its connection for that long: give
 * it a connection of its own. Entries that are not well-formed events of this run are dropped, not
 * forwarded; `lastEntryId` lets the reader move past them instead of being handed them again forever.
 */
export async function readRunEventStream(
  redis: Redis,
  key: string,
  runId: string,
  after: string,
  options: { blockMs: number; count: number },
): Promise<StreamRead> {
  const reply: XReadReply = await redis.xread(
    'COUNT',
    options.count,
    'BLOCK',
    options.blockMs,
    'STREAMS',
    key,
    after,
  );
  const entries = reply?.[0]?.[1] ?? [];
  const events: RunEventView[] = [];
  for (const [id, fields] of entries) {
    const event = decodeStreamEntry(runId, id, fields);
    if (event) events.push(event);
  }
  return { events, lastEntryId: entries.at(-1)?.[0] ?? null };
}

/** The later of two stream entry ids (`<ms>-<n>`), compared as Redis does: numerically, part by part. */
export function laterEntryId(a: string, b: string): string {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map((part) => BigInt(part));
  const [bMs = 0n, bSeq = 0n] = b.split('-').map((part) => BigInt(part));
  return aMs > bMs || (aMs === bMs && aSeq >= bSeq) ? a : b;
}
