import { assertRetryBackoffPolicy, retryDelayMs } from './retry.backoff';
import { thrownBy } from '@shipyard/shared/test-utils';

describe('retryDelayMs', () => {
  const policy = { baseMs: 1000, maxMs: 10_000, jitter: 0 };

  it('doubles with each failed delivery from the base', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('is capped at maxMs, also for absurd delivery counts', () => {
    expect(retryDelayMs(5, policy)).toBe(10_000);
    expect(retryDelayMs(10_000, policy)).toBe(10_000);
  });

  it('takes jitter off the delay, never adding to it', () => {
    const jittered = { ...policy, jitter: 0.2 };
    expect(retryDelayMs(1, jittered, () => 0)).toBe(1000);
    expect(retryDelayMs(1, jittered, () => 1)).toBe(800);
    expect(retryDelayMs(1, jittered, () => 0.5)).toBe(900);
  });

  it('treats a zero or negative count like the first delivery', () => {
    expect(retryDelayMs(0, policy)).toBe(1000);
  });
});

describe('assertRetryBackoffPolicy', () => {
  it('accepts a sane policy and names every problem of a bad one', () => {
    expect(() => assertRetryBackoffPolicy({ baseMs: 0, maxMs: 0, jitter: 1 })).not.toThrow();
    expect(thrownBy(() => assertRetryBackoffPolicy({ baseMs: -1, maxMs: -2, jitter: 2 }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        {
          path: 'retryBackoff',
          messages: expect.arrayContaining([
            expect.stringContaining('baseMs'),
            expect.stringContaining('maxMs'),
            expect.stringContaining('jitter'),
          ]) as unknown,
        },
      ],
    });
  });
});
