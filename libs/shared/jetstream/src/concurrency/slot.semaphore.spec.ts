import { SlotSemaphore } from './slot.semaphore';

describe('SlotSemaphore', () => {
  it('hands out at most `limit` slots', () => {
    const slots = new SlotSemaphore(3);
    expect(slots.tryAcquire(2)).toBe(2);
    expect(slots.tryAcquire(5)).toBe(1);
    expect(slots.tryAcquire()).toBe(0);
    expect(slots.available).toBe(0);
    slots.release(2);
    expect(slots.available).toBe(2);
  });

  it('wakes a waiter when a slot frees, and reports idle when all are free', async () => {
    const slots = new SlotSemaphore(1);
    slots.tryAcquire();
    const events: string[] = [];
    const available = slots.whenAvailable().then(() => events.push('available'));
    const idle = slots.whenIdle().then(() => events.push('idle'));
    await Promise.resolve();
    expect(events).toEqual([]);
    slots.release();
    await Promise.all([available, idle]);
    expect(events.sort()).toEqual(['available', 'idle']);
  });

  it('lets interrupt() wake waiters without freeing a slot', async () => {
    const slots = new SlotSemaphore(1);
    slots.tryAcquire();
    const waiting = slots.whenAvailable();
    slots.interrupt();
    await waiting;
    expect(slots.available).toBe(0);
  });

  it('refuses a bad limit and releasing more than is held', () => {
    expect(() => new SlotSemaphore(0)).toThrow(RangeError);
    expect(() => new SlotSemaphore(1.5)).toThrow(RangeError);
    const slots = new SlotSemaphore(2);
    slots.tryAcquire();
    expect(() => slots.release(2)).toThrow(RangeError);
  });
});
