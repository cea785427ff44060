import { KeyedSerialQueue } from './keyed-serial-queue';

test('tasks of one key run one at a time, in order, even when one fails', async () => {
  const queue = new KeyedSerialQueue();
  const log: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const first = queue.run('a', async () => {
    log.push('a1 start');
    await gate;
    log.push('a1 end');
    throw new Error('a1 failed');
  });
  const second = queue.run('a', () => {
    log.push('a2');
    return Promise.resolve(2);
  });
  const other = queue.run('b', () => {
    log.push('b1');
    return Promise.resolve('b');
  });
  await other;
  expect(log).toEqual(['a1 start', 'b1']);
  release();
  await expect(first).rejects.toThrow('a1 failed');
  await expect(second).resolves.toBe(2);
  expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
});
