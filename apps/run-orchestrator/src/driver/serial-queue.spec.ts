import { SerialQueue } from './serial-queue';

describe('SerialQueue', () => {
  it('runs one key in order, one at a time, even when a task fails', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const task =
      (name: string, fail = false) =>
      async () => {
        running += 1;
        expect(running).toBe(1);
        log.push(`start ${name}`);
        await Promise.resolve();
        log.push(`end ${name}`);
        running -= 1;
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run('run-1', task('a')),
      queue.run('run-1', task('b', true)),
      queue.run('run-1', task('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs different keys side by side', async () => {
    const queue = new SerialQueue();
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run('run-1', () => blocked);
    await expect(queue.run('run-2', () => Promise.resolve('other'))).resolves.toBe('other');
    release();
    await first;
    await queue.idle();
  });
});
