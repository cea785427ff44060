import type { Redis } from 'ioredis';
import { runEventStreamKey, type RunEventView } from '@shipyard/contracts';
import { readRunEvents } from './read-run-events';
import type { SqlExecutor } from './sql-executor';
import { seqOfEntryId, STREAM_FIELD, streamEntryId } from './stream-entry';

/** Where and how a run's events are kept in Redis. */
export interface RunEventStreamSettings {
  /** Prepended to every key (`<prefix>run-events:<runId>`): parallel test files and deployments share Redis. */
  keyPrefix: string;
  /** Approximate cap on entries per run (`XADD MAXLEN ~`); older ones are replayed from PostgreSQL. */
  maxLen: number;
  /** The stream expires this long after its last event: finished runs do not hold Redis memory forever. */
  ttlSeconds: number;
}

const PAGE_SIZE = 500;

/**
 * Copies a run's events that the Redis stream does not hold yet, in seq order. Safe to run any number of
 * times, concurrently, from any number of relays: each entry has the explicit id `0-<seq>` and Redis
 * refuses an id that is not above the stream's last one, so a second copy of an event fails harmlessly
 * instead of being duplicated. Returns how many entries this call added.
 */
export async function relayRunEvents(
  db: SqlExecutor,
  redis: Redis,
  settings: RunEventStreamSettings,
  runId: string,
  /** Told of each event this call added (a copy another relay added first is not reported again). */
  onRelayed?: (event: RunEventView) => void,
): Promise<number> {
  const key = runEventStreamKey(settings.keyPrefix, runId);
  let after = await lastStreamSeq(redis, key);
  if (after === null) after = await firstSeqWorthRelaying(db, runId, settings.maxLen);
  let added = 0;
  for (;;) {
    const events = await readRunEvents(db, runId, after, PAGE_SIZE);
    const last = events.at(-1);
    if (!last) break;
    const pipeline = redis.pipeline();
    for (const event of events) {
      pipeline.xadd(
        key,
        'MAXLEN',
        '~',
        settings.maxLen,
        streamEntryId(event.seq),
        STREAM_FIELD,
        JSON.stringify(event),
      );
    }
    pipeline.expire(key, settings.ttlSeconds);
    const results = (await pipeline.exec()) ?? [];
    for (const [index, [error]] of results.entries()) {
      if (error && !isAlreadyThere(error)) throw error;
      const event = events[index];
      if (error || !event) continue;
      added += 1;
      onRelayed?.(event);
    }
    after = last.seq;
    if (events.length < PAGE_SIZE) break;
  }
  return added;
}

/**
 * The seq of the stream's newest entry, or null when there is no stream. Entries only leave by trimming
 * (oldest first) or expiry of the whole key, so the newest entry is the last one relayed.
 */
export async function lastStreamSeq(redis: Redis, key: string): Promise<number | null> {
  const newest = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
  const id = newest[0]?.[0];
  return id === undefined ? null : (seqOfEntryId(id) ?? 0);
}

/**
 * A missing stream (new run, expired, Redis restarted empty) is rebuilt with at most its last `maxLen`
 * events: older ones would be trimmed straight away, and readers replay them from PostgreSQL anyway.
 */
async function firstSeqWorthRelaying(db: SqlExecutor, runId: string, maxLen: number): Promise<number> {
  const [run] = await db.query<{ event_seq: string }>(`SELECT event_seq FROM project_runs WHERE id = $1`, [
    runId,
  ]);
  return Math.max(0, Number(run?.event_seq ?? 0) - maxLen);
}

/** Redis' answer to an XADD whose id is not above the stream's last: another relay got there first. */
function isAlreadyThere(error: Error): boolean {
  return /equal or smaller than the target stream top item/i.test(error.message);
}
