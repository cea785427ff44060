/**
 * Runs tasks with the same key one after another (tasks with different keys run concurrently). Writes to
 * one run's workspace go through it so that this process's own writers do not race each other's
 * compare-and-set; other replicas are handled by the compare-and-set itself.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
