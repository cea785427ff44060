import { ApiKeyCache } from './api-key-cache';

describe('ApiKeyCache', () => {
  const tenant = { tenantId: '6f1c2f52-2f7c-4b8e-9d3a-0e6b5c1a2d4f', keyId: 'k1' };
  let clock = 0;
  const now = (): number => clock;

  beforeEach(() => {
    clock = 1_000;
  });

  it('returns a verification until its TTL runs out', () => {
    const cache = new ApiKeyCache(30_000, 10, now);
    cache.set('secret-key', tenant);
    clock += 29_999;
    expect(cache.get('secret-key')).toEqual(tenant);
    clock += 1;
    expect(cache.get('secret-key')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('knows nothing about other keys', () => {
    const cache = new ApiKeyCache(30_000, 10, now);
    cache.set('secret-key', tenant);
    expect(cache.get('secret-key ')).toBeUndefined();
    expect(cache.get('other')).toBeUndefined();
  });

  it('never holds the key itself', () => {
    const cache = new ApiKeyCache(30_000, 10, now);
    cache.set('sk_live_very_secret', tenant);
    const inside = JSON.stringify([...(cache as unknown as { entries: Map<string, unknown> }).entries]);
    expect(inside).not.toContain('sk_live_very_secret');
  });

  it('evicts the oldest entry when full', () => {
    const cache = new ApiKeyCache(30_000, 2, now);
    cache.set('a', { ...tenant, keyId: 'a' });
    cache.set('b', { ...tenant, keyId: 'b' });
    cache.set('c', { ...tenant, keyId: 'c' });
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')?.keyId).toBe('b');
    expect(cache.get('c')?.keyId).toBe('c');
  });

  it('caches nothing with a TTL of 0', () => {
    const cache = new ApiKeyCache(0, 10, now);
    cache.set('secret-key', tenant);
    expect(cache.get('secret-key')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
