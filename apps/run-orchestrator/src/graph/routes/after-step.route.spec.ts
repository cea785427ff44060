import { NodeNames } from '../node-names';
import { afterStep } from './after-step.route';

const self = NodeNames.docsFinalize;
const next = NodeNames.devopsPrepare;
const progress = (done: boolean) => ({ [self]: { jobs: 1, failedJobs: 0, done, artifact: null } });

describe('afterStep', () => {
  it('goes to final_decision once the run has an outcome, done or not', () => {
    for (const done of [true, false]) {
      expect(
        afterStep({ outcome: { status: 'STOPPED_USER', reason: 'r' }, steps: progress(done) }, self, next),
      ).toBe(NodeNames.finalDecision);
    }
  });

  it('moves on when the node is done', () => {
    expect(afterStep({ outcome: null, steps: progress(true) }, self, next)).toBe(next);
  });

  it('loops back while the node is not done or has not started', () => {
    expect(afterStep({ outcome: null, steps: progress(false) }, self, next)).toBe(self);
    expect(afterStep({ outcome: null, steps: {} }, self, next)).toBe(self);
  });
});
