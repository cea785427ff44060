/**
 * Real: NATS JetStream (job, result and dead-letter streams; the KV result bucket) on a prefix per test,
 * the AgentRuntime with its JobWorker, the offline model behind askModel. Faked: the model factory wraps
 * the offline model to count calls and to throw scripted LlmErrors first; one test wraps the KV store to
 * fail after storing. Each test owns its prefix, so nothing is shared between tests.
 */
import { AgentResult, resultSubject, validateContract, type AgentJob } from '@shipyard/contracts';
import type { ProcessOutcome } from '@shipyard/shared/jetstream';
import { LlmError, PriceTable } from '@shipyard/shared/llm';
import { pollUntil } from '@shipyard/shared/test-utils';
import { KvResultStore } from '../results/kv-result.store';
import type { ResultStore } from '../results/result-store.port';
import {
  agentTestConfig,
  AgentRuntimeHarness,
  CountingModels,
  makeAgentJob,
  ModelTestHandler,
} from '../testing';

const FAST_RETRY = { baseMs: 20, maxMs: 100, jitter: 0 };
const usage = { provider: 'offline', model: 'shipyard-offline-1', promptTokens: 120, completionTokens: 0 };

describe('AgentRuntime on a real JetStream', () => {
  let harness: AgentRuntimeHarness;
  let outcomes: ProcessOutcome[];

  beforeEach(async () => {
    harness = await AgentRuntimeHarness.create();
    outcomes = [];
  });

  afterEach(async () => {
    await harness.cleanup();
  });

  const start = async (
    models: CountingModels,
    options: { env?: Record<string, string>; resultStore?: ResultStore } = {},
  ) =>
    harness.startRuntime({
      role: 'qa',
      handlers: [new ModelTestHandler()],
      modelFor: models.modelFor,
      hooks: { onOutcome: (o) => outcomes.push(o) },
      retryBackoff: FAST_RETRY,
      ...options,
    });

  const oneResult = async (job: AgentJob): Promise<AgentResult> =>
    (await harness.firstResult(job.jobId, 15_000)).data;

  /** The result is published before the job is acked, so an outcome list read at once can lack the ack. */
  const untilAcked = (count: number, description = 'the ack') =>
    pollUntil(() => outcomes.filter((o) => o.kind === 'acked').length === count, {
      timeoutMs: 5000,
      description,
    });

  const models = (failures: LlmError[] = []): CountingModels =>
    new CountingModels(agentTestConfig(harness.prefix).llm, failures);

  it('does a job once: a re-published job (new msg id, after the ack) re-sends the stored result', async () => {
    const counting = models();
    const runtime = await start(counting);
    const sent = harness.watchPublishes(resultSubject('qa'));
    const job = makeAgentJob('test');

    await harness.publishJob(job, `${job.jobId}#1`);
    const first = await oneResult(job);
    await untilAcked(1, 'the first ack');
    await harness.publishJob(job, `${job.jobId}#2`);
    await untilAcked(2, 'the second ack');
    await pollUntil(() => sent.count() === 2, { timeoutMs: 5000, description: 'two result publishes' });

    expect(counting.calls).toBe(1);
    expect(first).toMatchObject({ jobId: job.jobId, status: 'succeeded', agentId: runtime.agentId });
    const [a, b] = sent.bodies();
    expect(b).toBe(a);
    // Same Nats-Msg-Id (the jobId): the results stream keeps one copy.
    expect(await harness.resultsOf(job.jobId)).toHaveLength(1);
    expect(await harness.pendingJobs()).toBe(0);
    sent.stop();
  });

  it('does a job once when it is redelivered after the result was stored but before the ack', async () => {
    const counting = models();
    const kv = await KvResultStore.open(harness.js, { prefix: harness.prefix, ttlMs: 60_000 });
    let failedOnce = false;
    // Stores, then fails as if the connection dropped before the publish: the worker naks the job.
    const flaky: ResultStore = {
      get: (jobId) => kv.get(jobId),
      recordSpent: (jobId, delivery, spent) => kv.recordSpent(jobId, delivery, spent),
      spentBefore: (jobId) => kv.spentBefore(jobId),
      putIfAbsent: async (result) => {
        const kept = await kv.putIfAbsent(result);
        if (!failedOnce) {
          failedOnce = true;
          throw new Error('connection lost after storing the result');
        }
        return kept;
      },
    };
    await start(counting, { resultStore: flaky });
    const job = makeAgentJob('test');
    await harness.publishJob(job);

    const result = await oneResult(job);
    await untilAcked(1);
    expect(outcomes.map((o) => [o.kind, o.deliveryCount])).toEqual([
      ['retry', 1],
      ['acked', 2],
    ]);
    expect(counting.calls).toBe(1);
    expect(result).toEqual(await kv.get(job.jobId));
  });

  it('retries a retryable model error with backoff and then succeeds', async () => {
    const counting = models([new LlmError('RATE_LIMITED', 'slow down', { retryable: true, status: 429 })]);
    await start(counting);
    const job = makeAgentJob('test');
    await harness.publishJob(job);

    const result = await oneResult(job);
    expect(result.status).toBe('succeeded');
    await untilAcked(1);
    expect(outcomes.map((o) => o.kind)).toEqual(['retry', 'acked']);
    expect(counting.calls).toBe(2);
  });

  it('reports the tokens failed attempts spent in the result of the one that succeeds', async () => {
    const spent = (promptTokens: number) => ({ ...usage, promptTokens });
    const counting = models([
      new LlmError('SERVER_ERROR', 'upstream 502', { retryable: true, usage: [spent(11), spent(12)] }),
      new LlmError('TIMEOUT', 'no answer', { retryable: true, usage: [spent(13)] }),
    ]);
    await start(counting);
    const job = makeAgentJob('test');
    await harness.publishJob(job);

    const result = await oneResult(job);
    await untilAcked(1);
    expect(outcomes.map((o) => o.kind)).toEqual(['retry', 'retry', 'acked']);
    expect(result.usage.map((u) => u.promptTokens).slice(0, 3)).toEqual([11, 12, 13]);
    expect(result.usage).toHaveLength(4);
    expect(result.usage[3]?.promptTokens).toBeGreaterThan(0);
  });

  it('answers a non-retryable model error with a failed result carrying the usage spent, and acks', async () => {
    const counting = models([
      new LlmError('BAD_REQUEST', 'context length exceeded', {
        retryable: false,
        status: 400,
        usage: [usage],
      }),
    ]);
    await start(counting);
    const job = makeAgentJob('test');
    await harness.publishJob(job);

    const result = await oneResult(job);
    expect(validateContract(AgentResult, result)).toBeTruthy();
    expect(result).toMatchObject({
      status: 'failed',
      output: {},
      failure: { message: 'BAD_REQUEST: context length exceeded', retryable: false },
      usage: [usage],
    });
    expect(result.comments[0]).toMatchObject({ commentType: 'BLOCKER' });
    expect(result.comments[0]?.body).toContain('Shipyard offline model');
    await untilAcked(1);
    expect(outcomes.map((o) => o.kind)).toEqual(['acked']);
    expect(counting.calls).toBe(1);
    expect(await harness.deadLettersOf(job.jobId)).toHaveLength(0);
  });

  it('stops a job at its allowance, counting an earlier delivery, priced with the agent config', async () => {
    // $5 per 1M offline tokens: the first delivery's 300 prompt tokens cost $0.0015 of the $0.003 allowed,
    // and what is left cannot pay for the job's prompt (about 350 tokens) on the second delivery.
    const env = { OFFLINE_MODEL_PRICE_PER_MTOK: '5' };
    const earlier = { ...usage, promptTokens: 300 };
    const counting = models([
      new LlmError('SERVER_ERROR', 'upstream 502', { retryable: true, usage: [earlier] }),
    ]);
    await start(counting, { env });
    const allowance = { tokens: 100_000, costUsd: 0.003 };
    const job = makeAgentJob('test', { allowance });
    await harness.publishJob(job);

    const result = await oneResult(job);
    expect(result).toMatchObject({
      status: 'failed',
      failure: { code: 'ALLOWANCE_EXHAUSTED', retryable: false },
      usage: [earlier],
    });
    expect(result.comments[0]?.body).toContain('stopped at its allowance of 100000 tokens / $0.003000');
    const prices = PriceTable.fromConfig(agentTestConfig(harness.prefix, env).llm);
    expect(prices.costOf(result.usage)).toBeLessThanOrEqual(allowance.costUsd);
    await untilAcked(1);
    expect(outcomes.map((o) => o.kind)).toEqual(['retry', 'acked']);
    // The second delivery was refused before it called the model.
    expect(counting.calls).toBe(1);
    expect(await harness.deadLettersOf(job.jobId)).toHaveLength(0);
  });

  it('dead-letters a job whose retryable failures use up its attempts, and publishes no result', async () => {
    const failures = [1, 2, 3].map(
      () => new LlmError('SERVER_ERROR', 'upstream 503', { retryable: true, status: 503 }),
    );
    const counting = models(failures);
    await start(counting, { env: { JOB_MAX_DELIVER: '2' } });
    const job = makeAgentJob('test');
    await harness.publishJob(job);

    const letter = await harness.firstDeadLetter(job.jobId, 15_000);
    expect(letter.subject).toBe(`${harness.prefix}agent.v1.dlq.qa`);
    expect(letter.data).toMatchObject({ kind: 'exhausted', deliveryCount: 2 });
    expect(letter.data.reason).toContain('upstream 503');
    expect(counting.calls).toBe(2);
    expect(await harness.resultsOf(job.jobId)).toHaveLength(0);
    await pollUntil(async () => (await harness.pendingJobs()) === 0, {
      timeoutMs: 5000,
      description: 'an empty job queue',
    });
  });

  it('dead-letters an invalid job without calling the model', async () => {
    const counting = models();
    await start(counting);
    const job = makeAgentJob('test');
    const invalid = { ...job, tenantId: 'not-a-uuid' };
    await harness.publishJob(invalid);

    const letter = await harness.firstDeadLetter(job.jobId, 10_000);
    expect(letter.data.kind).toBe('invalid_payload');
    expect(counting.calls).toBe(0);
  });

  it('fails a job of a kind its role does not do, instead of retrying it', async () => {
    const counting = models();
    await start(counting);
    const job = { ...makeAgentJob('review'), role: 'qa' } as AgentJob;
    await harness.publishJob(job);

    const result = await oneResult(job);
    expect(result).toMatchObject({ status: 'failed', failure: { retryable: false } });
    expect(result.failure?.message).toContain('does not do review jobs');
    expect(counting.calls).toBe(0);
  });
});
