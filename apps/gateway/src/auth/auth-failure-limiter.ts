import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** When a client may try another key, if it may not now. */
export interface AuthBlock {
  retryAfterSeconds: number;
}

export interface AuthFailureLimits {
  /** Failed key checks one client may make per window; 0 turns the limit off. */
  maxFailures: number;
  windowMs: number;
  /** Prepended to the counters' keys (REDIS_KEY_PREFIX). */
  keyPrefix: string;
}

/**
 * Counts failed API key checks per client address in Redis, in fixed windows, so that guessing keys costs
 * an attacker the window once it has used up its failures, whichever gateway replica it reaches. A client
 * over the limit is answered 429 before any lookup, so the guessing does not reach project-service either.
 *
 * Redis being unreachable must not take authentication down with it: the limiter then fails open (every
 * check allowed, failures not counted) and says so through `onUnavailable`, once per outage.
 */
export class AuthFailureLimiter {
  private unavailable = false;

  constructor(
    private readonly redis: Redis,
    private readonly limits: AuthFailureLimits,
    private readonly onUnavailable: (error: unknown) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Null while `client` may still try keys; otherwise how long it has to wait. */
  async blocked(client: string): Promise<AuthBlock | null> {
    if (this.limits.maxFailures <= 0) return null;
    const window = this.window();
    const count = await this.guard(() => this.redis.get(this.key(client, window.index)));
    if (count === undefined || Number(count) < this.limits.maxFailures) return null;
    return { retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - this.now()) / 1000)) };
  }

  /** Counts one failed key check of `client` in the current window. */
  async recordFailure(client: string): Promise<void> {
    if (this.limits.maxFailures <= 0) return;
    const window = this.window();
    const key = this.key(client, window.index);
    // The counter outlives its window a little, so a clock a second apart on another replica still finds it.
    const ttlMs = window.endsAt - this.now() + 1000;
    await this.guard(() => this.redis.multi().incr(key).pexpire(key, ttlMs).exec());
  }

  private window(): { index: number; endsAt: number } {
    const index = Math.floor(this.now() / this.limits.windowMs);
    return { index, endsAt: (index + 1) * this.limits.windowMs };
  }

  /** Hashed: addresses are personal data and Redis need not hold them in the clear. */
  private key(client: string, window: number): string {
    const address = createHash('sha256').update(client).digest('base64url').slice(0, 22);
    return `${this.limits.keyPrefix}auth-failures:${address}:${window}`;
  }

  private async guard<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await call();
      this.unavailable = false;
      return value;
    } catch (error) {
      if (!this.unavailable) this.onUnavailable(error);
      this.unavailable = true;
      return undefined;
    }
  }
}
