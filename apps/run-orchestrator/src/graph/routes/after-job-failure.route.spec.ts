import { afterJobFailure, MAX_RETRYABLE_FAILURES } from './after-job-failure.route';

describe('afterJobFailure', () => {
  it('retries a retryable failure while retries remain', () => {
    for (let failuresSoFar = 0; failuresSoFar < MAX_RETRYABLE_FAILURES; failuresSoFar += 1) {
      expect(afterJobFailure({ retryable: true, failuresSoFar, message: 'm' })).toEqual({ next: 'retry' });
    }
  });

  it('fails once retries are used up, naming how often', () => {
    expect(
      afterJobFailure({ retryable: true, failuresSoFar: MAX_RETRYABLE_FAILURES, message: 'timeout' }),
    ).toEqual({
      next: 'failed',
      reason: `job failed ${MAX_RETRYABLE_FAILURES + 1} times: timeout`,
    });
  });

  it('fails a non-retryable failure at once', () => {
    expect(afterJobFailure({ retryable: false, failuresSoFar: 0, message: 'bad input' })).toEqual({
      next: 'failed',
      reason: 'job failed (not retryable): bad input',
    });
  });
});
