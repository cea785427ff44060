import { createHash } from 'node:crypto';

export interface CachedKey {
  tenantId: string;
  keyId: string;
}

interface Entry extends CachedKey {
  expiresAt: number;
}

/**
 * Remembers successful key verifications for a short while, so that a client making many calls does not
 * cost a NATS round trip and a database lookup per call. The price: a revoked key keeps working for up to
 * the TTL on each gateway replica. Entries are keyed by the key's SHA-256, so the gateway's memory never
 * holds a usable key. Failures are not cached: a key created a moment ago must work at once.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(apiKey: string): CachedKey | undefined {
    if (this.ttlMs <= 0) return undefined;
    const digest = digestOf(apiKey);
    const entry = this.entries.get(digest);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(digest);
      return undefined;
    }
    return { tenantId: entry.tenantId, keyId: entry.keyId };
  }

  set(apiKey: string, value: CachedKey): void {
    if (this.ttlMs <= 0) return;
    const digest = digestOf(apiKey);
    this.entries.delete(digest);
    // A Map iterates in insertion order, so the first key is the oldest: bounded memory whatever callers send.
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(digest, { ...value, expiresAt: this.now() + this.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }
}

function digestOf(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('base64url');
}
