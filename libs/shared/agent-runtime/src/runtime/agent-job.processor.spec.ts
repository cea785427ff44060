import { pino } from 'pino';
import { DomainError, type AgentJob, type AgentResult, type AgentUsage } from '@shipyard/contracts';
import type { MessageContext } from '@shipyard/shared/jetstream';
import {
  buildJobPrompt,
  LlmError,
  OfflineChatModel,
  PriceTable,
  type ChatModel,
  type ChatUsage,
} from '@shipyard/shared/llm';
import type { AgentJobHandler, AgentJobOutcome } from '../handlers/agent-job.handler';
import { HandlerRegistry } from '../handlers/handler.registry';
import { InMemoryResultStore } from '../testing/in-memory-result.store';
import { makeAgentJob, SAMPLE_INPUTS } from '../testing/make-agent-job';
import { ModelTestHandler } from '../testing/model-test.handler';
import { AgentJobProcessor } from './agent-job.processor';

const usage = (promptTokens: number): AgentUsage => ({
  provider: 'offline',
  model: 'shipyard-offline-1',
  promptTokens,
  completionTokens: 1,
});
/** The offline model at $3 / $7 per 1M tokens, so allowances in USD mean something. */
const PRICES = new PriceTable(
  { 'shipyard-offline-1': { prompt: 3, completion: 7 } },
  { prompt: 15, completion: 60 },
);
const offlineModel: ChatModel = {
  provider: 'offline',
  model: 'shipyard-offline-1',
  promptTokens: () => {
    throw new Error('the fake handlers never call the model');
  },
  complete: () => Promise.reject(new Error('the fake handlers never call the model')),
};

/** A `test` handler that runs the next scripted step per call. */
class ScriptedHandler implements AgentJobHandler {
  readonly kind = 'test' as const;
  calls = 0;
  constructor(private readonly steps: Array<(signal: AbortSignal) => Promise<AgentJobOutcome>>) {}
  handle(_job: AgentJob, context: { signal: AbortSignal }): Promise<AgentJobOutcome> {
    const step = this.steps[this.calls++];
    if (!step) throw new Error('no scripted step left');
    return step(context.signal);
  }
}

const succeed = (): Promise<AgentJobOutcome> =>
  Promise.resolve({
    output: { passed: true, testsRun: 1, failures: [] },
    usage: [usage(100)],
    comments: [{ commentType: 'TEST_REPORT', body: 'ok' }],
  });

function setup(
  steps: Array<(signal: AbortSignal) => Promise<AgentJobOutcome>>,
  model: { handler?: AgentJobHandler; chatModel?: ChatModel } = {},
) {
  const store = new InMemoryResultStore();
  const published: AgentResult[] = [];
  const handler = new ScriptedHandler(steps);
  const processor = new AgentJobProcessor({
    role: 'qa',
    agentId: 'agent-qa@test:1',
    registry: new HandlerRegistry('qa', [model.handler ?? handler]),
    store,
    publish: (result) => {
      published.push(result);
      return Promise.resolve();
    },
    modelFor: () => model.chatModel ?? offlineModel,
    maxCompletionTokens: 1000,
    prices: PRICES,
    maxResultBytes: 20_000,
    logger: pino({ level: 'silent' }),
    now: () => new Date('2026-01-01T00:00:00.000Z'),
  });
  return { store, published, handler, processor };
}

function delivery(
  job: AgentJob,
  deliveryCount = 1,
  signal = new AbortController().signal,
): MessageContext<AgentJob> {
  return {
    data: job,
    deliveryCount,
    maxAttempts: 5,
    subject: 'agent.v1.job.qa',
    streamSequence: deliveryCount,
    headers: {},
    heartbeat: () => undefined,
    signal,
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('AgentJobProcessor', () => {
  it('stores and publishes the result, then re-publishes the stored one on a redelivery', async () => {
    const { processor, published, handler, store } = setup([succeed]);
    const job = makeAgentJob('test');
    await processor.process(delivery(job, 1));
    await processor.process(delivery(job, 2));
    expect(handler.calls).toBe(1);
    expect(published).toHaveLength(2);
    expect(published[1]).toBe(published[0]);
    expect(store.results.get(job.jobId)).toMatchObject({ status: 'succeeded', agentId: 'agent-qa@test:1' });
  });

  it('refuses to re-publish a stored result to a job of another run that reused the jobId', async () => {
    const { processor, published, handler } = setup([succeed, succeed]);
    const job = makeAgentJob('test');
    await processor.process(delivery(job));
    const impostor = makeAgentJob('test', { jobId: job.jobId });
    const error = await rejectionOf(processor.process(delivery(impostor)));
    expect(error).toMatchObject({ code: 'CONFLICT', retryable: false });
    expect(published).toHaveLength(1);
    expect(handler.calls).toBe(1);
  });

  it('publishes the result another worker stored first', async () => {
    const { processor, published, store } = setup([succeed]);
    const job = makeAgentJob('test');
    const theirs = { ...(await setupResult(job)), agentId: 'agent-qa@other:2' };
    const original = store.get.bind(store);
    let reads = 0;
    // The other worker stores between our read and our write.
    store.get = async (jobId) => {
      if (reads++ === 0) {
        const before = await original(jobId);
        store.results.set(jobId, theirs);
        return before;
      }
      return original(jobId);
    };
    await processor.process(delivery(job));
    expect(published).toEqual([theirs]);
  });

  it('refuses a job for another role as invalid (dead-lettered, not retried)', async () => {
    const { processor } = setup([succeed]);
    const error = await rejectionOf(processor.process(delivery(makeAgentJob('review'))));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', retryable: false });
  });

  it('throws a retryable error and stores nothing when the worker abandoned the job', async () => {
    const controller = new AbortController();
    const { processor, store, published } = setup([
      (signal) => {
        controller.abort(new Error('consumer stopped'));
        return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      },
    ]);
    const job = makeAgentJob('test');
    const error = await rejectionOf(processor.process(delivery(job, 1, controller.signal)));
    expect(error).not.toBeInstanceOf(DomainError);
    expect((error as Error).message).toContain('abandoned');
    expect(store.results.size).toBe(0);
    expect(published).toEqual([]);
  });

  it('turns a non-retryable domain error into a failed result', async () => {
    const { processor, published } = setup([
      () => Promise.reject(new DomainError('VALIDATION_FAILED', 'the input has no task')),
    ]);
    await processor.process(delivery(makeAgentJob('test')));
    expect(published[0]).toMatchObject({
      status: 'failed',
      failure: { message: 'VALIDATION_FAILED: the input has no task', retryable: false },
    });
    expect(published[0]?.comments[0]?.body).toContain('Shipyard offline model');
  });

  it('rethrows retryable and unexpected errors, keeping the tokens spent for the delivery that succeeds', async () => {
    const { processor, published, store } = setup([
      () => Promise.reject(new LlmError('RATE_LIMITED', 'slow down', { retryable: true, usage: [usage(7)] })),
      () => Promise.reject(new TypeError('bug')),
      succeed,
    ]);
    const job = makeAgentJob('test');
    expect(await rejectionOf(processor.process(delivery(job, 1)))).toBeInstanceOf(LlmError);
    expect(await rejectionOf(processor.process(delivery(job, 2)))).toBeInstanceOf(TypeError);
    expect(store.results.size).toBe(0);
    await processor.process(delivery(job, 3));
    expect(published[0]?.usage.map((u) => u.promptTokens)).toEqual([7, 100]);
  });
});

describe('AgentJobProcessor result size', () => {
  it('replaces a result too large for one message by a failed one that keeps the usage', async () => {
    const { processor, published } = setup([
      () =>
        Promise.resolve({
          output: { files: [{ path: 'big.txt', content: 'x'.repeat(30_000) }] },
          usage: [usage(100)],
          comments: [],
        }),
    ]);
    await processor.process(delivery(makeAgentJob('test')));
    expect(published[0]).toMatchObject({
      status: 'failed',
      usage: [usage(100)],
      failure: { retryable: false },
    });
    expect(published[0]?.failure?.message).toMatch(/over the 20000-byte limit/);
  });
});

async function setupResult(job: AgentJob): Promise<AgentResult> {
  const { processor, published } = setup([succeed]);
  await processor.process(delivery(job));
  return published[0]!;
}

describe('AgentJobProcessor allowance', () => {
  const tokensOf = (usage: readonly AgentUsage[]): number =>
    usage.reduce((sum, u) => sum + u.promptTokens + u.completionTokens, 0);

  /** The production path: ModelTestHandler asks the real offline model through askModel. */
  function onOfflineModel() {
    const chatModel = new OfflineChatModel({ latencyMs: 0, tokenMultiplier: 1 });
    return { chatModel, ...setup([], { handler: new ModelTestHandler(), chatModel }) };
  }

  /** A QA job whose offline answer reports a failing test: long enough (55 tokens) to be cut. */
  const qaJob = (overrides: Partial<AgentJob> = {}): AgentJob =>
    makeAgentJob('test', {
      input: { ...SAMPLE_INPUTS.test, note: '[offline:qa-failures=1]' },
      ...overrides,
    });

  /** What the QA job spends with no allowance, and its prompt tokens. */
  async function uncapped(): Promise<{ usage: AgentUsage[]; prompt: number }> {
    const { processor, published, chatModel } = onOfflineModel();
    const job = qaJob();
    await processor.process(delivery(job));
    expect(published[0]).toMatchObject({ status: 'succeeded' });
    const prompt = chatModel.promptTokens({
      ...buildJobPrompt({ role: job.role, kind: job.kind, attempt: job.attempt, input: job.input }),
      responseFormat: 'json',
    });
    return { usage: published[0]!.usage, prompt };
  }

  it('runs a job its allowance covers exactly as without one', async () => {
    const { usage } = await uncapped();
    const { processor, published } = onOfflineModel();
    const job = qaJob({ allowance: { tokens: tokensOf(usage), costUsd: 1 } });
    await processor.process(delivery(job));
    expect(published[0]).toMatchObject({ status: 'succeeded', usage });
  });

  it('ends a job that runs out with a failed result coded ALLOWANCE_EXHAUSTED, its usage within the allowance', async () => {
    const { prompt } = await uncapped();
    for (const allowance of [
      { tokens: prompt + 20, costUsd: 1 }, // the answer is cut at 20 tokens
      { tokens: 1_000_000, costUsd: (prompt * 3 + 20 * 7) / 1_000_000 }, // about 20 tokens' worth of USD
      { tokens: prompt - 1, costUsd: 1 }, // refused before the call
    ]) {
      const { processor, published, store } = onOfflineModel();
      const job = qaJob({ allowance });
      await processor.process(delivery(job)); // resolves: the worker acks it
      const result = published[0]!;
      expect(result).toMatchObject({
        status: 'failed',
        failure: { code: 'ALLOWANCE_EXHAUSTED', retryable: false },
      });
      expect(result.failure?.message).toMatch(/^ALLOWANCE_EXHAUSTED: job allowance/);
      expect(tokensOf(result.usage)).toBeLessThanOrEqual(allowance.tokens);
      expect(PRICES.costOf(result.usage)).toBeLessThanOrEqual(allowance.costUsd);
      const body = result.comments[0]?.body ?? '';
      expect(body).toContain(`stopped at its allowance of ${allowance.tokens} tokens / $`);
      expect(body).toContain('sends it again with a larger allowance');
      expect(body).not.toContain('will not be retried');
      expect(store.results.get(job.jobId)).toBe(result);
    }
  });

  it('counts what earlier deliveries spent against the allowance, reading it once', async () => {
    const { usage } = await uncapped();
    // Enough for the job, not for the job and what the first delivery spent before it failed.
    const allowance = { tokens: tokensOf(usage) + 50, costUsd: 1 };
    const earlier: ChatUsage = {
      provider: 'offline',
      model: 'shipyard-offline-1',
      promptTokens: 60,
      completionTokens: 20,
    };
    const { processor, published, store } = onOfflineModel();
    const job = qaJob({ allowance });
    await store.recordSpent(job.jobId, 1, [earlier]);
    let reads = 0;
    const spentBefore = store.spentBefore.bind(store);
    store.spentBefore = (jobId) => {
      reads++;
      return spentBefore(jobId);
    };
    await processor.process(delivery(job, 2));
    const result = published[0]!;
    expect(result).toMatchObject({ status: 'failed', failure: { code: 'ALLOWANCE_EXHAUSTED' } });
    expect(result.usage[0]).toEqual(earlier);
    expect(result.usage.length).toBeGreaterThan(1);
    expect(tokensOf(result.usage)).toBeLessThanOrEqual(allowance.tokens);
    expect(reads).toBe(1);

    // The same allowance on a first delivery is enough: the earlier spend made the difference.
    const first = onOfflineModel();
    await first.processor.process(delivery(qaJob({ allowance })));
    expect(first.published[0]).toMatchObject({ status: 'succeeded', usage });
  });
});
