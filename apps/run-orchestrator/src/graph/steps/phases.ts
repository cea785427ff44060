import type { Phase } from '../node-names';
import type { StateDraft } from './state-draft';

/** Closes the current phase and opens `phase`, unless it is already the current one. */
export function enterPhase(draft: StateDraft, phase: Phase, now: Date): void {
  const phases = draft.get('phases');
  const last = phases.at(-1);
  if (last?.phase === phase && last.endedAt === null) return;
  const at = now.toISOString();
  const closed = last && last.endedAt === null ? [...phases.slice(0, -1), { ...last, endedAt: at }] : phases;
  draft.set('phases', [...closed, { phase, startedAt: at, endedAt: null }]);
}

export function closePhases(draft: StateDraft, now: Date): void {
  const phases = draft.get('phases');
  const last = phases.at(-1);
  if (last && last.endedAt === null)
    draft.set('phases', [...phases.slice(0, -1), { ...last, endedAt: now.toISOString() }]);
}
