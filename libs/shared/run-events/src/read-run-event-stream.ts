import type { Redis } from 'ioredis';
import type { RunEventView } from '@shipyard/contracts';
import { decodeStreamEntry, streamEntryId } from './stream-entry';

type XReadReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

/**
 * Waits up to `blockMs` for a run's events after `afterSeq` on its Redis stream and returns them in seq
 * order (empty when none came). Blocks its connection for that long: give it a connection of its own.
 * Entries that are not well-formed events of this run are dropped, not forwarded.
 */
export async function readRunEventStream(
  redis: Redis,
  key: string,
  runId: string,
  afterSeq: number,
  options: { blockMs: number; count: number },
): Promise<RunEventView[]> {
  const reply: XReadReply = await redis.xread(
    'COUNT',
    options.count,
    'BLOCK',
    options.blockMs,
    'STREAMS',
    key,
    streamEntryId(afterSeq),
  );
  const entries = reply?.[0]?.[1] ?? [];
  const events: RunEventView[] = [];
  for (const [id, fields] of entries) {
    const event = decodeStreamEntry(runId, id, fields);
    if (event) events.push(event);
  }
  return events;
}
