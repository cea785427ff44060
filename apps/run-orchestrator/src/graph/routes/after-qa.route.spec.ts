import { afterQa } from './after-qa.route';

describe('afterQa', () => {
  it('finishes a task whose tests pass', () => {
    expect(afterQa({ passed: true, fixCycles: 5, maxFixCycles: 3, failures: 0 })).toEqual({ next: 'done' });
  });

  it('sends a failing task to a fix while fix cycles remain', () => {
    expect(afterQa({ passed: false, fixCycles: 0, maxFixCycles: 3, failures: 2 })).toEqual({ next: 'fix' });
    expect(afterQa({ passed: false, fixCycles: 2, maxFixCycles: 3, failures: 2 })).toEqual({ next: 'fix' });
  });

  it('fails a task once its fix cycles are used up, or when there are none', () => {
    expect(afterQa({ passed: false, fixCycles: 3, maxFixCycles: 3, failures: 2 })).toEqual({
      next: 'failed',
      reason: 'QA failed (2 failures) after 3 of 3 fix cycles',
    });
    expect(afterQa({ passed: false, fixCycles: 0, maxFixCycles: 0, failures: 1 }).next).toBe('failed');
  });
});
