import type { BudgetConfig } from '@shipyard/contracts';
import type { RunControlState } from '../../ports/run-control.port';
import type { Hold } from '../state';
import { budgetKey, holdRelease } from './hold-release.route';

const budget: BudgetConfig = { maxTokens: 1000, maxCostUsd: 1, onExceed: 'pause' };
const hold = (reason: Hold['reason']): Hold => ({
  reason,
  detail: 'd',
  since: '2026-01-01T00:00:00.000Z',
  resumeSeq: 3,
  seq: 1,
  budgetKey: reason === 'budget' ? budgetKey(budget) : null,
});
const control = (requested: RunControlState['requested'], resumeSeq = 3): RunControlState => ({
  requested,
  resumeSeq,
  budget: null,
});

describe('holdRelease', () => {
  it('keeps any hold while a user pause is requested', () => {
    expect(holdRelease(hold('user'), control('pause', 9), budget)).toEqual({ action: 'keep' });
    expect(holdRelease(hold('budget'), control('pause', 9), { ...budget, maxTokens: 5000 })).toEqual({
      action: 'keep',
    });
  });

  it('ends a user pause once no pause is requested', () => {
    expect(holdRelease(hold('user'), control('run'), budget)).toEqual({
      action: 'release',
      waiveBudget: false,
    });
  });

  it('keeps a budget pause when nothing changed', () => {
    expect(holdRelease(hold('budget'), control('run'), budget)).toEqual({ action: 'keep' });
  });

  it('ends a budget pause when the budget was raised, without waiving it', () => {
    expect(holdRelease(hold('budget'), control('run'), { ...budget, maxCostUsd: 2 })).toEqual({
      action: 'release',
      waiveBudget: false,
    });
  });

  it('keeps enforcing a budget raised by a resume (the API raises a budget only with one)', () => {
    expect(holdRelease(hold('budget'), control('run', 4), { ...budget, maxTokens: 5000 })).toEqual({
      action: 'release',
      waiveBudget: false,
    });
  });

  it('ends a budget pause and waives the budget when a user resumed it as it was', () => {
    expect(holdRelease(hold('budget'), control('run', 4), budget)).toEqual({
      action: 'release',
      waiveBudget: true,
    });
  });

  it('ignores a change of onExceed alone', () => {
    expect(holdRelease(hold('budget'), control('run'), { ...budget, onExceed: 'warn' })).toEqual({
      action: 'keep',
    });
  });
});
