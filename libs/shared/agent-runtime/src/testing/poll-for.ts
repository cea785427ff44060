/**
 * Waits for a condition, never for time: calls `probe` until it returns something other than undefined,
 * null or false, or fails after `timeoutMs` naming what it waited for. (The infra lib cannot use
 * @shipyard/shared/testing, whose tag it may not depend on; this is the same loop.)
 */
export async function pollFor<T>(
  description: string,
  probe: () => T | Promise<T>,
  timeoutMs = 10_000,
  intervalMs = 20,
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false)
        return value as Exclude<T, undefined | null | false>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** What `fn` throws, so a spec can match its fields; fails when it returns. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned');
}
