import type { FindingSeverity } from '@shipyard/contracts';
import type { FindingNote } from '../state';

/** Findings kept in the state are bounded: they are rewritten with the task on every step. */
export const MAX_NOTES = 20;
const MAX_MESSAGE = 500;

export function toNotes(
  findings: readonly { severity: FindingSeverity; message: string; path?: string; rule?: string }[],
): FindingNote[] {
  return findings.slice(0, MAX_NOTES).map((f) => ({
    severity: f.severity,
    message: f.message.slice(0, MAX_MESSAGE),
    ...(f.path === undefined ? {} : { path: f.path.slice(0, MAX_MESSAGE) }),
    ...(f.rule === undefined ? {} : { rule: f.rule.slice(0, 200) }),
  }));
}

/** Test failures become findings so a fix job gets one shape whatever sent the task back. */
export function failuresToNotes(failures: readonly string[]): FindingNote[] {
  return toNotes(failures.map((message) => ({ severity: 'high' as const, message })));
}
