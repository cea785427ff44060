/**
 * Runs tasks one after another per key: a run's graph must never see two invokes at once, and results,
 * wakes and takeovers of one run arrive concurrently. Different keys run in parallel.
 */
export class SerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget the key once its last task settled, so finished runs leave nothing behind.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Waits for everything queued so far (shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}
