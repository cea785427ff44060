import { pollUntil } from './poll-until';

describe('pollUntil', () => {
  it('resolves with the first value that is not undefined, null or false', async () => {
    let calls = 0;
    const value = await pollUntil(() => (++calls >= 3 ? { calls } : undefined), {
      timeoutMs: 5000,
      intervalMs: 1,
    });
    expect(value).toEqual({ calls: 3 });
  });

  it('treats 0 and the empty string as values', async () => {
    await expect(pollUntil(() => 0, { timeoutMs: 100 })).resolves.toBe(0);
    await expect(pollUntil(() => '', { timeoutMs: 100 })).resolves.toBe('');
  });

  it('retries through errors until the condition holds', async () => {
    let calls = 0;
    const value = await pollUntil(
      () => {
        calls += 1;
        if (calls < 3) throw new Error('not yet');
        return 'ok';
      },
      { timeoutMs: 5000, intervalMs: 1 },
    );
    expect(value).toBe('ok');
  });

  it('gives up at the deadline, rethrowing the last error or naming the last value', async () => {
    await expect(pollUntil(() => false, { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(
      'pollUntil: condition not met within 20 ms (last value: false)',
    );
    await expect(
      pollUntil(
        () => {
          throw new Error('still broken');
        },
        { timeoutMs: 20, intervalMs: 5 },
      ),
    ).rejects.toThrow('still broken');
  });
});
