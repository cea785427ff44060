import { NodeNames } from '../node-names';
import type { RunState, TaskStage, TaskState } from '../state';
import { afterWork } from './after-work.route';

const task = (id: string, stage: TaskStage): TaskState => ({
  id,
  key: id,
  title: id,
  parentId: null,
  dependsOn: [],
  leaf: true,
  stage,
  jobs: 1,
  reviewIterations: 0,
  fixCycles: 0,
  failedJobs: 0,
  artifact: null,
  openFindings: [],
  reason: null,
});
const state = (stages: TaskStage[], overrides: Partial<Pick<RunState, 'outcome' | 'inbox'>> = {}) => ({
  outcome: null,
  inbox: null,
  tasks: Object.fromEntries(stages.map((stage, i) => [`t${i}`, task(`t${i}`, stage)])),
  ...overrides,
});

describe('afterWork', () => {
  it('goes to final_decision once the run has an outcome, whatever else is set', () => {
    const inbox = { kind: 'review' as const, jobId: 'j', taskId: 't0', approved: true, findings: [] };
    expect(afterWork(state(['done'], { outcome: { status: 'FAILED', reason: 'r' }, inbox }))).toBe(
      NodeNames.finalDecision,
    );
  });

  it('hands a review verdict to lead_review_cycle and a test report to qa_test_cycle', () => {
    expect(
      afterWork(
        state(['review'], {
          inbox: { kind: 'review', jobId: 'j', taskId: 't0', approved: true, findings: [] },
        }),
      ),
    ).toBe(NodeNames.leadReviewCycle);
    expect(
      afterWork(
        state(['qa'], { inbox: { kind: 'test', jobId: 'j', taskId: 't0', passed: true, failures: [] } }),
      ),
    ).toBe(NodeNames.qaTestCycle);
  });

  it('moves on to the security scan when every task is done', () => {
    expect(afterWork(state(['done', 'done']))).toBe(NodeNames.securityScanCycle);
  });

  it('keeps scheduling while any task is unfinished, or before there are tasks', () => {
    for (const stage of ['dev', 'review', 'fix', 'qa'] as const)
      expect(afterWork(state(['done', stage]))).toBe(NodeNames.devWorkCycle);
    expect(afterWork(state([]))).toBe(NodeNames.devWorkCycle);
  });
});
