import { defaultRunConfig } from '@shipyard/contracts';
import { NodeNames } from '../node-names';
import type { PendingJob, RunState } from '../state';
import { mustWait, type CycleSpec, type JobRequest } from './cycle';

// mustWait decides, from the state alone, whether a node interrupts before doing anything. It must be pure:
// a node re-run on resume has to reach the same interrupt, or the resume value would be lost.

const initial = (): RunState => ({
  run: { runId: 'r', tenantId: 't' },
  config: defaultRunConfig(),
  requirements: 'r',
  startedAt: '2026-01-01T00:00:00.000Z',
  analysis: null,
  steps: {},
  tasks: {},
  taskOrder: [],
  pending: {},
  security: { fixCycles: 0, stage: 'scan', findings: [], blocking: [] },
  usage: { tokens: 0, costUsd: 0, byRole: {} },
  hold: null,
  holdCount: 0,
  budget: { warned: false, waived: false },
  inbox: null,
  phases: [],
  ignoredResults: 0,
  outcome: null,
  nextPass: 'works',
});

const job = (node: PendingJob['node']): Record<string, PendingJob> => ({
  j1: {
    jobId: 'j1',
    node,
    role: 'pm',
    kind: 'analyze_requirements',
    taskId: null,
    attempt: 1,
    estimate: { tokens: 0, costUsd: 0 },
  },
});

const spec = (toSend: number): CycleSpec => ({
  phase: 'analysis',
  owns: [NodeNames.pmAnalyzeRequirements],
  jobsToSend: () => Array.from({ length: toSend }, () => ({}) as JobRequest),
  apply: () => Promise.resolve(),
  isComplete: () => false,
});

describe('mustWait', () => {
  it('waits while its own job is in flight and nothing is ready to send', () => {
    expect(mustWait({ ...initial(), pending: job(NodeNames.pmAnalyzeRequirements) }, spec(0))).toBe(true);
  });

  it('sends first when something is ready, even with jobs in flight', () => {
    expect(mustWait({ ...initial(), pending: job(NodeNames.pmAnalyzeRequirements) }, spec(1))).toBe(false);
  });

  it('does not wait for jobs another node owns', () => {
    expect(mustWait({ ...initial(), pending: job(NodeNames.docsFinalize) }, spec(0))).toBe(false);
  });

  it('does not wait with nothing in flight (it has to send)', () => {
    expect(mustWait(initial(), spec(1))).toBe(false);
  });

  it('waits while held, whatever is ready', () => {
    const hold = { reason: 'user' as const, detail: 'd', since: 's', resumeSeq: 0, seq: 1, budgetKey: null };
    expect(mustWait({ ...initial(), hold }, spec(3))).toBe(true);
  });

  it('never waits once the run has an outcome', () => {
    const outcome = { status: 'STOPPED_USER' as const, reason: 'r' };
    const hold = { reason: 'user' as const, detail: 'd', since: 's', resumeSeq: 0, seq: 1, budgetKey: null };
    expect(
      mustWait({ ...initial(), outcome, hold, pending: job(NodeNames.pmAnalyzeRequirements) }, spec(0)),
    ).toBe(false);
  });
});
