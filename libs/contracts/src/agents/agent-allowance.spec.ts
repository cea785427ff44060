import { refusedPaths, validateContract } from '../validation';
import { AgentJob } from './agent-job';
import { AgentResult } from './agent-result';

// The allowance and the failure code cross NATS between services: both edges validate them.

const job = (allowance?: unknown) => ({
  jobId: '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5:pm_analyze_requirements:-:1',
  tenantId: '0b1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5',
  runId: '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5',
  role: 'pm',
  kind: 'analyze_requirements',
  attempt: 1,
  model: { provider: 'offline', model: 'shipyard-offline-1', temperature: 0 },
  input: { requirements: 'A todo API' },
  dispatchedAt: '2026-11-24T00:00:00.000Z',
  ...(allowance === undefined ? {} : { allowance }),
});

const failedResult = (failure: unknown) => ({
  jobId: '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5:pm_analyze_requirements:-:1',
  tenantId: '0b1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5',
  runId: '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5',
  role: 'pm',
  kind: 'analyze_requirements',
  agentId: 'agent-pm-1',
  status: 'failed',
  output: {},
  usage: [],
  comments: [],
  failure,
  finishedAt: '2026-11-24T00:00:01.000Z',
});

describe('a job allowance and an exhausted allowance on the wire', () => {
  it('takes a job with or without an allowance', () => {
    expect(refusedPaths(AgentJob, job())).toEqual([]);
    expect(validateContract(AgentJob, job({ tokens: 6000, costUsd: 0.012 })).allowance).toEqual({
      tokens: 6000,
      costUsd: 0.012,
    });
  });

  it.each([
    ['no tokens', { tokens: 0, costUsd: 0 }],
    ['fractional tokens', { tokens: 1.5, costUsd: 0 }],
    ['a negative cost', { tokens: 10, costUsd: -0.01 }],
    ['a cost that is not a number', { tokens: 10, costUsd: 'free' }],
    ['a missing cost', { tokens: 10 }],
    ['not an object', 5000],
  ])('refuses an allowance with %s, naming the field', (_why, allowance) => {
    const problems = refusedPaths(AgentJob, job(allowance));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((path) => path.startsWith('allowance'))).toBe(true);
  });

  it('takes a failure coded ALLOWANCE_EXHAUSTED, and refuses a code it does not know', () => {
    const exhausted = { code: 'ALLOWANCE_EXHAUSTED', message: 'stopped at its allowance', retryable: false };
    expect(validateContract(AgentResult, failedResult(exhausted)).failure?.code).toBe('ALLOWANCE_EXHAUSTED');
    expect(refusedPaths(AgentResult, failedResult({ ...exhausted, code: 'OUT_OF_MONEY' }))).toEqual([
      'failure.code',
    ]);
  });
});
