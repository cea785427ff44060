import { DomainError, ListRunEvents } from '@shipyard/contracts';

/** An event id as clients send it back: plain digits only (Number() would also take `''`, `1e3`, `0x1f`). */
export const SEQ_DIGITS = /^\d{1,16}$/;

/**
 * The seq after which a stream starts: `Last-Event-ID` (what EventSource sends on every reconnect) wins
 * over `?after=` (what a first connection can carry), and neither means from the beginning. Both must be
 * plain non-negative integers: anything else is a 400, never silently "from the start", which would
 * flood a client with events it already has.
 */
export function resumePoint(lastEventId: string | undefined, after: number | undefined): number {
  if (lastEventId === undefined) return after ?? 0;
  const trimmed = lastEventId.trim();
  const seq = SEQ_DIGITS.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(seq) || seq > ListRunEvents.MAX_SEQ) {
    throw new DomainError('VALIDATION_FAILED', 'Request is invalid', [
      {
        path: 'Last-Event-ID',
        messages: ['Last-Event-ID must be the id (a whole number) of an event of this stream'],
      },
    ]);
  }
  return seq;
}
