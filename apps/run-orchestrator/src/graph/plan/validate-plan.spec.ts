import type { PlannedTask } from '@shipyard/contracts';
import { validatePlan } from './validate-plan';

const t = (key: string, dependsOn: string[] = [], parentKey?: string): PlannedTask => ({
  key,
  title: key,
  description: key,
  dependsOn,
  acceptanceCriteria: [],
  ...(parentKey === undefined ? {} : { parentKey }),
});

describe('validatePlan', () => {
  it('accepts a tree with dependencies in any order', () => {
    expect(validatePlan([t('C', ['A', 'B']), t('A'), t('B', ['A']), t('P'), t('P1', [], 'P')])).toEqual([]);
  });

  it('rejects an empty plan', () => {
    expect(validatePlan([])).toEqual(['the plan has no tasks']);
  });

  it('names every broken link at once', () => {
    expect(validatePlan([t('A', ['Z', 'A']), t('A'), t('B', [], 'Q')])).toEqual([
      'task key A is used twice',
      'task A depends on unknown task Z',
      'task A depends on itself',
      'task B has unknown parent Q',
    ]);
  });

  it('finds a dependency cycle', () => {
    expect(validatePlan([t('A', ['C']), t('B', ['A']), t('C', ['B'])])).toEqual([
      'dependency cycle: A -> C -> B -> A',
    ]);
  });

  it('finds a cycle through a parent: a child waiting for a task that waits for the parent', () => {
    expect(validatePlan([t('P'), t('P1', ['X'], 'P'), t('X', ['P'])])).toEqual([
      expect.stringMatching(/^dependency cycle/),
    ]);
  });

  it('finds a cycle through an inherited dependency', () => {
    // P1 inherits P's dependency on X; X waits for P1.
    expect(validatePlan([t('P', ['X']), t('P1', [], 'P'), t('X', ['P1'])])).toEqual([
      expect.stringMatching(/^dependency cycle/),
    ]);
  });
});
