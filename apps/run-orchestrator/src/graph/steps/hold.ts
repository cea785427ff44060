import type { BudgetConfig } from '@shipyard/contracts';
import type { RunPorts } from '../../ports/run-ports';
import type { RunControlState } from '../../ports/run-control.port';
import type { Phase } from '../node-names';
import { budgetKey } from '../routes/hold-release.route';
import type { Hold } from '../state';
import { emitRunStatus } from './emit';
import { enterPhase } from './phases';
import type { StateDraft } from './state-draft';

export async function beginHold(
  draft: StateDraft,
  ports: RunPorts,
  why: { reason: Hold['reason']; detail: string },
  control: RunControlState,
  budget: BudgetConfig,
  now: Date,
): Promise<void> {
  const seq = draft.get('holdCount') + 1;
  const hold: Hold = {
    reason: why.reason,
    detail: why.detail,
    since: now.toISOString(),
    resumeSeq: control.resumeSeq,
    seq,
    budgetKey: why.reason === 'budget' ? budgetKey(budget) : null,
  };
  draft.set('hold', hold);
  draft.set('holdCount', seq);
  enterPhase(draft, 'paused', now);
  await emitRunStatus(ports, draft.view(), 'PAUSED', why.detail, String(seq));
}

export async function endHold(
  draft: StateDraft,
  ports: RunPorts,
  hold: Hold,
  waiveBudget: boolean,
  phase: Phase,
  now: Date,
): Promise<void> {
  draft.set('hold', null);
  if (waiveBudget) draft.set('budget', { ...draft.get('budget'), waived: true });
  enterPhase(draft, phase, now);
  const reason = waiveBudget
    ? 'resumed by a user past the budget'
    : hold.reason === 'user'
      ? 'resumed by a user'
      : 'budget raised';
  await emitRunStatus(ports, draft.view(), 'RUNNING', reason, String(hold.seq));
}
