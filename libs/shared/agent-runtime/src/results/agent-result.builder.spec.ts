import type { AgentComment } from '@shipyard/contracts';
import { makeAgentJob } from '../testing/make-agent-job';
import { thrownBy } from '@shipyard/shared/test-utils';
import { buildFailedResult, buildSucceededResult, MAX_RESULT_COMMENTS } from './agent-result.builder';

const finishedAt = new Date('2026-01-02T03:04:05.000Z');
const usage = [{ provider: 'offline', model: 'shipyard-offline-1', promptTokens: 10, completionTokens: 5 }];
const comment: AgentComment = { commentType: 'PROGRESS', body: 'done' };

describe('buildSucceededResult', () => {
  it('copies the job identity and turns class instances and undefined fields into plain JSON', () => {
    class Output {
      passed = true;
      testsRun = 3;
      failures: string[] = [];
      note: string | undefined = undefined;
    }
    const job = makeAgentJob('test', { taskId: '2b0f9f43-3c4c-4d8e-9f5a-6f1e2d3c4b5a' });
    const result = buildSucceededResult({
      job,
      agentId: 'agent-qa@h:1',
      usage,
      comments: [comment],
      output: new Output(),
      finishedAt,
    });
    expect(result).toEqual({
      jobId: job.jobId,
      tenantId: job.tenantId,
      runId: job.runId,
      taskId: job.taskId,
      role: 'qa',
      kind: 'test',
      agentId: 'agent-qa@h:1',
      status: 'succeeded',
      output: { passed: true, testsRun: 3, failures: [] },
      usage,
      comments: [comment],
      finishedAt: '2026-01-02T03:04:05.000Z',
    });
    expect(Object.getPrototypeOf(result.output)).toBe(Object.prototype);
  });

  it('leaves taskId out when the job has none', () => {
    const result = buildSucceededResult({
      job: makeAgentJob('document'),
      agentId: 'a',
      usage,
      comments: [],
      output: {},
      finishedAt,
    });
    expect('taskId' in result).toBe(false);
  });

  it('refuses what breaks the contract instead of sending it', () => {
    const job = makeAgentJob('test');
    expect(
      thrownBy(() => buildSucceededResult({ job, agentId: '', usage, comments: [], output: {}, finishedAt })),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(
      thrownBy(() =>
        buildSucceededResult({
          job,
          agentId: 'a',
          usage: [{ ...usage[0]!, promptTokens: -1 }],
          comments: [],
          output: {},
          finishedAt,
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('keeps a result within the comment bound and says how many were left out', () => {
    const many = Array.from({ length: 130 }, (_, i): AgentComment => ({
      commentType: 'NOTE',
      body: `c${i}`,
    }));
    const result = buildSucceededResult({
      job: makeAgentJob('test'),
      agentId: 'a',
      usage,
      comments: many,
      output: {},
      finishedAt,
    });
    expect(result.comments).toHaveLength(MAX_RESULT_COMMENTS);
    expect(result.comments[98]?.body).toBe('c98');
    expect(result.comments[99]?.body).toMatch(/^31 more comment\(s\) were left out/);
  });

  it('cuts an oversized comment body with a note instead of refusing the result', () => {
    const long: AgentComment = { commentType: 'REVIEW', body: 'x'.repeat(80_000) };
    const result = buildSucceededResult({
      job: makeAgentJob('review'),
      agentId: 'a',
      usage,
      comments: [long],
      output: {},
      finishedAt,
    });
    expect(result.comments[0]?.body).toHaveLength(50_000);
    expect(result.comments[0]?.body).toMatch(/the job output has everything\]$/);
  });
});

describe('buildFailedResult', () => {
  it('reports a non-retryable failure with an empty output and the usage spent', () => {
    const result = buildFailedResult({
      job: makeAgentJob('test'),
      agentId: 'a',
      usage,
      comments: [comment],
      failureMessage: 'BAD_REQUEST: context too long',
      finishedAt,
    });
    expect(result).toMatchObject({
      status: 'failed',
      output: {},
      usage,
      failure: { message: 'BAD_REQUEST: context too long', retryable: false },
    });
  });

  it('carries a failure code when there is one, and none otherwise', () => {
    const base = { job: makeAgentJob('test'), agentId: 'a', usage, comments: [], finishedAt };
    const coded = buildFailedResult({
      ...base,
      failureMessage: 'ALLOWANCE_EXHAUSTED: cut',
      failureCode: 'ALLOWANCE_EXHAUSTED',
    });
    expect(coded.failure).toEqual({
      code: 'ALLOWANCE_EXHAUSTED',
      message: 'ALLOWANCE_EXHAUSTED: cut',
      retryable: false,
    });
    expect(buildFailedResult({ ...base, failureMessage: 'BAD_REQUEST: no' }).failure).toEqual({
      message: 'BAD_REQUEST: no',
      retryable: false,
    });
  });

  it('never sends an empty or oversized failure message', () => {
    const base = { job: makeAgentJob('test'), agentId: 'a', usage: [], comments: [], finishedAt };
    expect(buildFailedResult({ ...base, failureMessage: '  ' }).failure?.message).toBe(
      'the job failed without a reason',
    );
    expect(buildFailedResult({ ...base, failureMessage: 'x'.repeat(9000) }).failure?.message).toHaveLength(
      5000,
    );
  });
});
