import type { DeadLetterEnvelope } from '@shipyard/shared/jetstream';
import { deadLetterAction, REVIVED_HEADER } from './dead-letter-result';

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

const result = {
  jobId: job.jobId,
  tenantId: job.tenantId,
  runId: job.runId,
  role: 'developer',
  kind: 'bootstrap_repo',
  agentId: 'developer-1',
  status: 'succeeded',
  output: { files: [] },
  usage: [],
  comments: [],
  finishedAt: '2026-01-01T00:00:30.000Z',
};
const deadResult = (over: Partial<DeadLetterEnvelope>): DeadLetterEnvelope =>
  envelope({ originalSubject: 'p1.agent.v1.result.developer', stream: 'RESULTS', payload: result, ...over });

describe('deadLetterAction', () => {
  it("turns a dead job into its failed, non-retryable result carrying the dead letter's reason", () => {
    expect(deadLetterAction(envelope({}))).toEqual({
      kind: 'fail-job',
      result: {
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
      },
    });
  });

  it('revives a valid result whose attempts ran out, once', () => {
    const action = deadLetterAction(deadResult({}));
    expect(action.kind).toBe('revive-result');
    expect(action.kind === 'revive-result' && action.result.jobId).toBe(job.jobId);
    expect(deadLetterAction(deadResult({ headers: { [REVIVED_HEADER]: '1' } }))).toEqual({ kind: 'keep' });
  });

  it('keeps results the intake refused, invalid results and payloads that are not valid jobs', () => {
    expect(deadLetterAction(deadResult({ kind: 'rejected' }))).toEqual({ kind: 'keep' });
    expect(deadLetterAction(deadResult({ kind: 'invalid_payload' }))).toEqual({ kind: 'keep' });
    expect(deadLetterAction(deadResult({ payload: { ...result, jobId: '' } }))).toEqual({ kind: 'keep' });
    expect(deadLetterAction(envelope({ payload: { jobId: 'x' } }))).toEqual({ kind: 'keep' });
    expect(deadLetterAction(envelope({ payload: undefined, payloadText: 'not json' }))).toEqual({
      kind: 'keep',
    });
    expect(deadLetterAction(envelope({ originalSubject: 'p1.something.else' }))).toEqual({ kind: 'keep' });
  });
});
