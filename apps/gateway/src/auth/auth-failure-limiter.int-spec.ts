import { Redis } from 'ioredis';
import { uniqueId } from '@shipyard/shared/testing';
import { AuthFailureLimiter } from './auth-failure-limiter';

// Real: Redis (keys under a prefix of this file's own). Faked: the clock, so windows are crossed at will.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `${uniqueId('auth-limit')}:`;
const WINDOW_MS = 60_000;
let redis: Redis;
let now: number;

beforeAll(() => {
  redis = new Redis(REDIS_URL);
});

beforeEach(() => {
  // 10 s into a window, so the first window has 50 s left.
  now = 1_000 * WINDOW_MS + 10_000;
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

function limiter(maxFailures: number, connection: Redis = redis, onUnavailable?: (e: unknown) => void) {
  return new AuthFailureLimiter(
    connection,
    { maxFailures, windowMs: WINDOW_MS, keyPrefix: prefix },
    onUnavailable,
    () => now,
  );
}

test('blocks an address from its limit of failures until the window ends, and no other address', async () => {
  const first = limiter(3);
  // A second replica, on a connection of its own, shares the counts through Redis.
  const otherConnection = new Redis(REDIS_URL);
  const second = limiter(3, otherConnection);
  try {
    await first.recordFailure('198.51.100.1');
    await second.recordFailure('198.51.100.1');
    expect(await first.blocked('198.51.100.1')).toBeNull();
    await first.recordFailure('198.51.100.1');
    expect(await second.blocked('198.51.100.1')).toEqual({ retryAfterSeconds: 50 });
    expect(await first.blocked('198.51.100.2')).toBeNull();

    now += 50_000;
    expect(await first.blocked('198.51.100.1')).toBeNull();
  } finally {
    otherConnection.disconnect();
  }
});

test('keeps no address in the clear and lets each counter expire after its window', async () => {
  await limiter(5).recordFailure('2001:db8::7');
  const keys = await redis.keys(`${prefix}*`);
  expect(keys.some((key) => key.includes('2001:db8::7'))).toBe(false);
  const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));
  for (const ttl of ttls) {
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(51_000);
  }
});

test('a limit of 0 counts nothing and blocks nobody', async () => {
  const off = limiter(0);
  const keysBefore = await redis.keys(`${prefix}*`);
  for (let i = 0; i < 3; i += 1) await off.recordFailure('198.51.100.9');
  expect(await off.blocked('198.51.100.9')).toBeNull();
  expect(await redis.keys(`${prefix}*`)).toEqual(keysBefore);
});

test('lets checks through while Redis is unreachable and reports the outage once', async () => {
  const unreachable = new Redis('redis://127.0.0.1:1', {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    lazyConnect: true,
  });
  unreachable.on('error', () => undefined);
  const reported: unknown[] = [];
  const down = limiter(1, unreachable, (error) => reported.push(error));
  try {
    await down.recordFailure('198.51.100.3');
    await down.recordFailure('198.51.100.3');
    expect(await down.blocked('198.51.100.3')).toBeNull();
    expect(reported).toHaveLength(1);
  } finally {
    unreachable.disconnect();
  }
});
