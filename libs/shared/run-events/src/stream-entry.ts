import type { RunEventView } from '@shipyard/contracts';

/** The one field of a stream entry: the event as the API shows it, so readers forward it untouched. */
export const STREAM_FIELD = 'view';

/**
 * Entry ids are `0-<seq>` rather than Redis' time-based ids: the id then IS the event's number, so an XADD
 * of an event already there is refused by Redis itself (ids must grow) and a reader resumes with
 * `XREAD ... 0-<last seq>` without a lookup table.
 */
export function streamEntryId(seq: number): string {
  return `0-${seq}`;
}

/** The seq of an entry id, or null for an id this relay did not write (a time-based one, say). */
export function seqOfEntryId(id: string): number | null {
  const match = /^0-(\d{1,16})$/.exec(id);
  if (!match?.[1]) return null;
  const seq = Number(match[1]);
  return Number.isSafeInteger(seq) && seq >= 1 ? seq : null;
}

/**
 * Decodes an entry's fields back into the view, or null when it is not one of ours. The stream is shared
 * infrastructure: a reader checks what it forwards instead of trusting whatever a key holds.
 */
export function decodeStreamEntry(runId: string, id: string, fields: string[]): RunEventView | null {
  const seq = seqOfEntryId(id);
  if (seq === null) return null;
  const index = fields.indexOf(STREAM_FIELD);
  const raw = index >= 0 && index % 2 === 0 ? fields[index + 1] : undefined;
  if (raw === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRunEventView(parsed) || parsed.seq !== seq || parsed.runId !== runId) return null;
  return parsed;
}

function isRunEventView(value: unknown): value is RunEventView {
  if (typeof value !== 'object' || value === null) return false;
  const view = value as Partial<RunEventView>;
  return (
    typeof view.runId === 'string' &&
    typeof view.seq === 'number' &&
    typeof view.createdAt === 'string' &&
    typeof view.data === 'object' &&
    view.data !== null &&
    typeof view.data.type === 'string'
  );
}
