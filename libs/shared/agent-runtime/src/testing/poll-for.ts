import { pollUntil } from '@shipyard/shared/test-utils';

/** The shared poll loop, with the description first, as this lib's specs call it. */
export function pollFor<T>(
  description: string,
  probe: () => T | Promise<T>,
  timeoutMs = 10_000,
  intervalMs = 20,
): Promise<Exclude<T, undefined | null | false>> {
  return pollUntil(probe, { timeoutMs, intervalMs, description });
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
