import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { runEventStreamKey, type RunEventView } from '@shipyard/contracts';
import { STREAM_FIELD, streamEntryId } from '@shipyard/shared/run-events';
import { pollUntil, uniqueId } from '@shipyard/shared/testing';
import { RedisLiveSource } from './redis-live-source';

// Real: Redis (keys under a prefix of this file's own). Faked: nothing; entries are written as the relay does.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `${uniqueId('live-source')}:`;
let redis: Redis;

beforeAll(() => {
  redis = new Redis(REDIS_URL);
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

function view(runId: string, seq: number): RunEventView {
  return {
    runId,
    seq,
    data: { type: 'run.warning', code: 'SPEC', message: `e${seq}` },
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

test('reads events after a seq, skips malformed entries once, and frees its connection on abort', async () => {
  const runId = randomUUID();
  const key = runEventStreamKey(prefix, runId);
  await redis.xadd(key, streamEntryId(1), STREAM_FIELD, JSON.stringify(view(runId, 1)));
  await redis.xadd(key, streamEntryId(2), STREAM_FIELD, '{"not":"an event"}');
  await redis.xadd(key, streamEntryId(3), STREAM_FIELD, JSON.stringify(view(runId, 3)));
  const abort = new AbortController();
  const source = new RedisLiveSource(REDIS_URL, prefix, runId, 200, abort.signal);

  expect((await source.live(0)).map((e) => e.seq)).toEqual([1, 3]);
  // The feed still stands at seq 1 (it fills 2 from PostgreSQL); the malformed entry is not read again.
  expect(await source.live(1)).toEqual([]);
  await redis.xadd(key, streamEntryId(4), STREAM_FIELD, JSON.stringify(view(runId, 4)));
  expect((await source.live(3)).map((e) => e.seq)).toEqual([4]);

  // Aborting (the client went away) closes the connection even in the middle of a blocking read.
  const name = `gateway-sse-${runId}`;
  const connected = async (): Promise<boolean> =>
    ((await redis.client('LIST')) as string).includes(`name=${name} `);
  expect(await connected()).toBe(true);
  const blocked = new RedisLiveSource(REDIS_URL, prefix, runId, 60_000, abort.signal).live(4);
  abort.abort();
  expect(await blocked).toEqual([]);
  await pollUntil(async () => !(await connected()), { timeoutMs: 5_000, intervalMs: 20 });
});
