import type { DeadLetterEnvelope } from '@shipyard/shared/jetstream';
import { deadLetterToResult } from './dead-letter-result';

const job = {
  jobId: 'run:bootstrap_repo:-:1',
  tenantId: '00000000-0000-4000-8000-000000000001',
  runId: '00000000-0000-4000-8000-000000000002',
  role: 'developer',
  kind: 'bootstrap_repo',
  attempt: 1,
  model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0 },
  input: {},
  dispatchedAt: '2026-01-01T00:00:00.000Z',
};

const envelope = (over: Partial<DeadLetterEnvelope>): DeadLetterEnvelope => ({
  kind: 'exhausted',
  reason: 'handler timed out 5 times',
  originalSubject: 'p1.agent.v1.job.developer',
  stream: 'JOBS',
  consumer: 'job-developer',
  streamSequence: 7,
  deliveryCount: 6,
  headers: {},
  payload: job,
  deadLetteredAt: '2026-01-01T00:01:00.000Z',
  ...over,
});

describe('deadLetterToResult', () => {
  it("turns a dead job into its failed, non-retryable result carrying the dead letter's reason", () => {
    expect(deadLetterToResult(envelope({}))).toEqual({
      jobId: job.jobId,
      tenantId: job.tenantId,
      runId: job.runId,
      role: 'developer',
      kind: 'bootstrap_repo',
      agentId: 'dead-letter',
      status: 'failed',
      output: {},
      usage: [],
      comments: [],
      failure: {
        message: 'job dead-lettered (exhausted) after 6 deliveries: handler timed out 5 times',
        retryable: false,
      },
      finishedAt: '2026-01-01T00:01:00.000Z',
    });
  });

  it('ignores dead results and payloads that are not valid jobs', () => {
    expect(deadLetterToResult(envelope({ originalSubject: 'p1.agent.v1.result.developer' }))).toBeNull();
    expect(deadLetterToResult(envelope({ payload: { jobId: 'x' } }))).toBeNull();
    expect(deadLetterToResult(envelope({ payload: undefined, payloadText: 'not json' }))).toBeNull();
  });
});
