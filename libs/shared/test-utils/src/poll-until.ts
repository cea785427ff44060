export interface PollOptions {
  /** Give up after this long; the error names the last value seen. */
  timeoutMs: number;
  /** Pause between attempts. */
  intervalMs?: number;
  /** What is awaited, for the timeout's message ("the job in the dead-letter stream"). */
  description?: string;
}

/**
 * Tests wait for conditions, never for time: calls `fn` until it returns something other than
 * `undefined`, `null` or `false`, and resolves with that. Errors thrown by `fn` count as "not yet" until the
 * deadline, then the last one is rethrown.
 */
export async function pollUntil<T>(
  fn: () => T | Promise<T>,
  { timeoutMs, intervalMs = 25, description }: PollOptions,
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      lastValue = await fn();
      lastError = undefined;
      if (lastValue !== undefined && lastValue !== null && lastValue !== false) {
        return lastValue as Exclude<T, undefined | null | false>;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      if (lastError) throw lastError instanceof Error ? lastError : new Error(JSON.stringify(lastError));
      const what = description ? `waiting for ${description}` : 'condition not met';
      throw new Error(`pollUntil: ${what} within ${timeoutMs} ms (last value: ${JSON.stringify(lastValue)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
