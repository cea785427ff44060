import type { BudgetConfig } from '@shipyard/contracts';
import { budgetGate, type BudgetGateInput } from './budget-gate.route';

const budget = (onExceed: BudgetConfig['onExceed']): BudgetConfig => ({
  maxTokens: 1000,
  maxCostUsd: 1,
  onExceed,
});
const zero = { tokens: 0, costUsd: 0 };
const input = (overrides: Partial<BudgetGateInput>): BudgetGateInput => ({
  budget: budget('stop'),
  spent: zero,
  inFlight: zero,
  estimate: zero,
  waived: false,
  ...overrides,
});

describe('budgetGate', () => {
  it('dispatches while spent, in flight and the estimate stay within both limits', () => {
    expect(
      budgetGate(
        input({
          spent: { tokens: 500, costUsd: 0.5 },
          inFlight: { tokens: 200, costUsd: 0.2 },
          estimate: { tokens: 300, costUsd: 0.3 },
        }),
      ),
    ).toEqual({
      action: 'dispatch',
    });
  });

  it.each([
    [
      'tokens: the estimate would pass the limit',
      { spent: { tokens: 900, costUsd: 0 }, estimate: { tokens: 101, costUsd: 0 } },
      /token budget 1000/,
    ],
    [
      'tokens: jobs in flight already use what is left',
      { spent: { tokens: 600, costUsd: 0 }, inFlight: { tokens: 400, costUsd: 0 } },
      /token budget/,
    ],
    ['tokens: nothing left even for a free job', { spent: { tokens: 1000, costUsd: 0 } }, /token budget/],
    [
      'cost: the estimate would pass the limit',
      { spent: { tokens: 0, costUsd: 0.9 }, estimate: { tokens: 0, costUsd: 0.2 } },
      /cost budget \$1/,
    ],
    ['cost: spent reaches the limit', { spent: { tokens: 0, costUsd: 1 } }, /cost budget/],
  ])('stops when over on %s', (_name, overrides, reason) => {
    const decision = budgetGate(input(overrides));
    expect(decision.action).toBe('stop');
    expect(decision.action === 'stop' && decision.reason).toMatch(reason);
  });

  it.each([
    ['stop', 'stop'],
    ['pause', 'pause'],
    ['warn', 'warn'],
  ] as const)('applies onExceed=%s', (onExceed, action) => {
    expect(budgetGate(input({ budget: budget(onExceed), spent: { tokens: 1000, costUsd: 0 } })).action).toBe(
      action,
    );
  });

  it('only warns once a user waived the budget, whatever onExceed says', () => {
    for (const onExceed of ['stop', 'pause', 'warn'] as const) {
      expect(
        budgetGate(input({ budget: budget(onExceed), spent: { tokens: 5000, costUsd: 5 }, waived: true }))
          .action,
      ).toBe('warn');
    }
  });

  it('names tokens first when both limits are passed', () => {
    const decision = budgetGate(input({ spent: { tokens: 2000, costUsd: 2 } }));
    expect(decision.action === 'stop' && decision.reason).toMatch(/^token budget/);
  });
});
