import { abortableDelay } from './abortable-delay';

describe('abortableDelay', () => {
  it('resolves at once for 0 ms', async () => {
    await expect(abortableDelay(0)).resolves.toBeUndefined();
  });

  it('waits at least about the given time', async () => {
    const started = performance.now();
    await abortableDelay(30);
    // Lower bound only, with slack for timer rounding: never flaky on a slow machine.
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('rejects with the signal reason as soon as it aborts', async () => {
    const controller = new AbortController();
    const pending = abortableDelay(600_000, controller.signal);
    controller.abort(new Error('stop now'));
    await expect(pending).rejects.toThrow('stop now');
  });

  it('rejects at once when the signal is already aborted, with an Error even for a non-Error reason', async () => {
    const controller = new AbortController();
    controller.abort('just a string');
    await expect(abortableDelay(600_000, controller.signal)).rejects.toMatchObject({
      message: 'The operation was aborted',
      cause: 'just a string',
    });
  });
});
