import { apiKeyPrefix, generateApiKey, hashApiKey, isWellFormedApiKey, sameKeyHash } from './api-key';

describe('API keys', () => {
  it('look like sk_ and 43 base64url characters, and differ every time', () => {
    const keys = new Set(Array.from({ length: 50 }, generateApiKey));
    expect(keys.size).toBe(50);
    for (const key of keys) {
      expect(key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
      expect(isWellFormedApiKey(key)).toBe(true);
    }
  });

  it('refuses malformed keys before any lookup', () => {
    for (const key of [
      '',
      'sk_',
      `sk_${'a'.repeat(42)}`,
      `sk_${'a'.repeat(44)}`,
      `pk_${'a'.repeat(43)}`,
      `sk_${'a'.repeat(42)}=`,
    ]) {
      expect(isWellFormedApiKey(key)).toBe(false);
    }
  });

  it('hash to 32 bytes with sha256, compared exactly', () => {
    const key = generateApiKey();
    const hash = hashApiKey(key);
    expect(hash).toHaveLength(32);
    expect(hash.toString('hex')).toMatch(/^[0-9a-f]{64}$/);
    expect(sameKeyHash(hash, hashApiKey(key))).toBe(true);
    expect(sameKeyHash(hash, hashApiKey(generateApiKey()))).toBe(false);
    expect(sameKeyHash(hash, hash.subarray(0, 16))).toBe(false);
  });

  it('keep a display prefix that reveals at most 8 random characters', () => {
    const key = generateApiKey();
    expect(apiKeyPrefix(key)).toBe(key.slice(0, 11));
    expect(apiKeyPrefix(key)).toMatch(/^sk_.{8}$/);
  });
});
