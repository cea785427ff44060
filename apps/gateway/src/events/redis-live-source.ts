import { setTimeout as wait } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { runEventStreamKey, type RunEventView } from '@shipyard/contracts';
import { laterEntryId, readRunEventStream, streamEntryId } from '@shipyard/shared/run-events';

const LIVE_BATCH = 200;
/** After a failed read, wait before the next so a Redis outage does not become a busy loop. */
const RETRY_AFTER_ERROR_MS = 1000;

/**
 * Live reads of one run's Redis stream on a connection of its own. Why one connection per stream and not
 * a shared reader that fans out: XREAD BLOCK holds a connection for its whole wait, and a shared reader
 * would have to interrupt its block (CLIENT UNBLOCK from yet another connection) each time a client comes
 * or goes; a dedicated connection is closed with its client, which frees it at once, and Redis serves
 * thousands of mostly idle connections cheaply. SSE_MAX_STREAMS caps how many one replica holds.
 */
export class RedisLiveSource {
  private readonly redis: Redis;
  private readonly key: string;
  /** The last entry id Redis handed us: a malformed entry is skipped once, not re-read forever. */
  private cursor = streamEntryId(0);

  constructor(
    url: string,
    keyPrefix: string,
    private readonly runId: string,
    private readonly blockMs: number,
    private readonly signal: AbortSignal,
  ) {
    this.key = runEventStreamKey(keyPrefix, runId);
    this.redis = new Redis(url, {
      lazyConnect: true,
      // A read that fails is answered from PostgreSQL instead; retrying it inside ioredis only delays that.
      maxRetriesPerRequest: 0,
      // Named after the run, so CLIENT LIST shows which stream holds which connection.
      connectionName: `gateway-sse-${runId}`,
    });
    // Errors surface through the failed read below; the listener keeps ioredis from reporting them twice.
    this.redis.on('error', () => undefined);
    signal.addEventListener('abort', () => this.redis.disconnect(), { once: true });
  }

  /** Never throws: an empty answer sends the feed to PostgreSQL, which is always right. */
  async live(afterSeq: number): Promise<RunEventView[]> {
    if (this.signal.aborted) return [];
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      const read = await readRunEventStream(
        this.redis,
        this.key,
        this.runId,
        laterEntryId(this.cursor, streamEntryId(afterSeq)),
        { blockMs: this.blockMs, count: LIVE_BATCH },
      );
      if (read.lastEntryId) this.cursor = laterEntryId(this.cursor, read.lastEntryId);
      return read.events;
    } catch {
      if (!this.signal.aborted)
        await wait(RETRY_AFTER_ERROR_MS, undefined, { signal: this.signal }).catch(() => undefined);
      return [];
    }
  }

  close(): void {
    this.redis.disconnect();
  }
}
