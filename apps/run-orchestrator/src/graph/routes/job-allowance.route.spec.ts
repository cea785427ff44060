import type { BudgetConfig } from '@shipyard/contracts';
import type { JobSizing } from '../../ports/ledger.port';
import { heldBy, jobAllowance, scaledSizing, scaleFor, type JobAllowanceInput } from './job-allowance.route';

const budget = (onExceed: BudgetConfig['onExceed']): BudgetConfig => ({
  maxTokens: 10_000,
  maxCostUsd: 1,
  onExceed,
});
const zero = { tokens: 0, costUsd: 0 };
const sizing: JobSizing = {
  expected: { tokens: 1000, costUsd: 0.01 },
  ceiling: { tokens: 2000, costUsd: 0.02 },
};
const input = (overrides: Partial<JobAllowanceInput>): JobAllowanceInput => ({
  budget: budget('stop'),
  spent: zero,
  inFlight: zero,
  sizing,
  waived: false,
  ...overrides,
});

describe('jobAllowance', () => {
  it('gives the job its ceiling while the budget has more than that left', () => {
    expect(jobAllowance(input({ spent: { tokens: 3000, costUsd: 0.3 } }))).toEqual({
      tokens: 2000,
      costUsd: 0.02,
    });
  });

  it('gives no more than what is left after what is spent and what the jobs in flight hold', () => {
    expect(
      jobAllowance(
        input({ spent: { tokens: 6000, costUsd: 0.5 }, inFlight: { tokens: 2500, costUsd: 0.49 } }),
      ),
    ).toEqual({ tokens: 1500, costUsd: 0.01 });
  });

  it('rounds the cost down to the micro-dollar so the reservation stays within what is left', () => {
    const allowance = jobAllowance(input({ spent: { tokens: 0, costUsd: 0.9999994 } }));
    expect(allowance?.costUsd).toBe(0);
    const tight = jobAllowance(input({ spent: { tokens: 0, costUsd: 0.98 + 1e-7 } }));
    expect(tight?.costUsd).toBe(0.019999);
  });

  it.each([
    ['the budget only warns', input({ budget: budget('warn') })],
    ['a user resumed past the budget', input({ budget: budget('pause'), waived: true })],
    ['there is no estimate to size the job by', input({ sizing: { expected: zero, ceiling: zero } })],
  ])('caps nothing when %s', (_why, given) => {
    expect(jobAllowance(given)).toBeNull();
  });

  it('caps for stop and pause alike', () => {
    expect(jobAllowance(input({ budget: budget('pause') }))).toEqual({ tokens: 2000, costUsd: 0.02 });
  });
});

describe('heldBy', () => {
  it('counts a job in flight at its allowance, or at its estimate when it has none', () => {
    const estimate = { tokens: 10, costUsd: 0.1 };
    expect(heldBy({ estimate, allowance: { tokens: 20, costUsd: 0.2 } })).toEqual({
      tokens: 20,
      costUsd: 0.2,
    });
    expect(heldBy({ estimate, allowance: null })).toEqual(estimate);
    // Checkpoints written before allowances existed have no such field.
    expect(heldBy({ estimate })).toEqual(estimate);
  });
});

describe('scaledSizing and scaleFor', () => {
  it('scales the expected amount and the ceiling alike, in whole tokens', () => {
    expect(scaledSizing(sizing, 2.5)).toEqual({
      expected: { tokens: 2500, costUsd: 0.025 },
      ceiling: { tokens: 5000, costUsd: 0.05 },
    });
  });

  it('uses a kind’s own scale, and for a kind with none the largest any kind has needed', () => {
    expect(scaleFor(undefined, 'review')).toBe(1);
    expect(scaleFor({}, 'review')).toBe(1);
    const scales = { implement: 4, review: 2 };
    expect(scaleFor(scales, 'review')).toBe(2);
    expect(scaleFor(scales, 'test')).toBe(4);
  });
});
