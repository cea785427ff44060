import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `sk_` then 32 random bytes in base64url (43 characters). */
const API_KEY_PATTERN = /^sk_[A-Za-z0-9_-]{43}$/;

/** Characters of a key kept in clear for display and lookup: `sk_` and 8 more; not enough to guess the rest. */
export const API_KEY_PREFIX_LENGTH = 11;

/** A new API key. Shown once to its owner; only its hash is stored. */
export function generateApiKey(): string {
  return `sk_${randomBytes(32).toString('base64url')}`;
}

export function isWellFormedApiKey(key: string): boolean {
  return API_KEY_PATTERN.test(key);
}

/**
 * sha256, not bcrypt: the key has 256 random bits, so there is nothing for a slow hash to protect
 * against brute force, and verification runs on every API request.
 */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX_LENGTH);
}

/** Compares two key hashes in constant time, so response timing reveals nothing about a stored hash. */
export function sameKeyHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
