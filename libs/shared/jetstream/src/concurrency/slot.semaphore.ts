/**
 * Counts free processing slots. The pull loop only asks the server for as many messages as there are free
 * slots, so a worker never holds a message it is not working on (such a message's AckWait would run out
 * while it waits, and another worker would get it too).
 */
export class SlotSemaphore {
  private used = 0;
  private waiters: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`limit must be an integer >= 1, got ${limit}`);
  }

  get inUse(): number {
    return this.used;
  }

  get available(): number {
    return this.limit - this.used;
  }

  /** Takes up to `wanted` free slots at once and says how many it took. */
  tryAcquire(wanted = 1): number {
    const taken = Math.max(0, Math.min(wanted, this.available));
    this.used += taken;
    return taken;
  }

  release(count = 1): void {
    if (count < 0 || count > this.used)
      throw new RangeError(`cannot release ${count} of ${this.used} used slots`);
    this.used -= count;
    if (count > 0) this.wake();
  }

  /** Resolves once at least one slot is free (at once if one is), or when `interrupt()` is called. */
  whenAvailable(): Promise<void> {
    if (this.available > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Resolves once no slot is in use. */
  whenIdle(): Promise<void> {
    if (this.used === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Wakes everyone waiting for a slot (used by stop() so the pull loop can notice it should end). */
  interrupt(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private wake(): void {
    if (this.available > 0) this.interrupt();
    if (this.used === 0) {
      const idle = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of idle) resolve();
    }
  }
}
