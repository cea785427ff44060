import { afterReview } from './after-review.route';

describe('afterReview', () => {
  it('sends an approved task to QA in any round, even with minor findings', () => {
    for (const round of [1, 2, 3])
      expect(afterReview({ approved: true, round, maxIterations: 3, findings: 2 })).toEqual({ next: 'qa' });
  });

  it('sends a rejected task to a fix while rounds remain', () => {
    expect(afterReview({ approved: false, round: 1, maxIterations: 3, findings: 1 })).toEqual({
      next: 'fix',
    });
    expect(afterReview({ approved: false, round: 2, maxIterations: 3, findings: 1 })).toEqual({
      next: 'fix',
    });
  });

  it('fails a task rejected in the last round, with the reason', () => {
    expect(afterReview({ approved: false, round: 3, maxIterations: 3, findings: 4 })).toEqual({
      next: 'failed',
      reason: 'lead review rejected the task in round 3 of 3 (4 findings open)',
    });
  });

  it('fails a rejection beyond the bound (a QA fix reviewed after the last round)', () => {
    expect(afterReview({ approved: false, round: 4, maxIterations: 3, findings: 1 }).next).toBe('failed');
  });
});
