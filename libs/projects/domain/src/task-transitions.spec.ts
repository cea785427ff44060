import { DomainError } from '@shipyard/contracts';
import { assertTaskTransition, TaskTransitions } from './task-transitions';

/** The error `fn` throws; fails the test when it throws nothing. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('task transitions', () => {
  it('allows the forward path with a fix loop', () => {
    for (const [from, to] of [
      ['PENDING', 'IN_PROGRESS'],
      ['IN_PROGRESS', 'IN_REVIEW'],
      ['IN_REVIEW', 'IN_PROGRESS'],
      ['IN_REVIEW', 'IN_QA'],
      ['IN_QA', 'DONE'],
      ['BLOCKED', 'PENDING'],
      ['FAILED', 'PENDING'],
    ] as const) {
      expect(() => assertTaskTransition(from, to)).not.toThrow();
    }
  });

  it('accepts staying in the same status so retried updates succeed', () => {
    for (const status of Object.keys(TaskTransitions) as (keyof typeof TaskTransitions)[]) {
      expect(() => assertTaskTransition(status, status)).not.toThrow();
    }
  });

  it('keeps DONE and CANCELLED final and refuses skipping the work', () => {
    for (const [from, to] of [
      ['DONE', 'IN_PROGRESS'],
      ['CANCELLED', 'PENDING'],
      ['PENDING', 'DONE'],
      ['PENDING', 'IN_REVIEW'],
    ] as const) {
      expect(() => assertTaskTransition(from, to)).toThrow(DomainError);
    }
    expect(thrown(() => assertTaskTransition('DONE', 'PENDING'))).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      details: { from: 'DONE', to: 'PENDING', allowed: [] },
    });
  });
});
