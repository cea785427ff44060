/**
 * Real: NATS JetStream (NATS_URL), streams from ensureJobStreams. Faked: the handlers. Own prefix and
 * streams per test file, deleted afterwards.
 */
import { DomainError, jobSubject, resultSubject } from '@shipyard/contracts';
import type { DeadLetterEnvelope } from '../dead-letter/dead-letter.envelope';
import { JobPublisher } from '../publish/job.publisher';
import {
  createJetStreamTestContext,
  pollUntil,
  readStream,
  streamMessageCount,
  testLogger,
  type JetStreamTestContext,
} from '../testing/jetstream.test-fixture';
import { RecordingHooks } from '../testing/recording.hooks';
import type { ConsumerStartOptions } from './consumer.types';
import { DeadLetterConsumer } from './dead-letter.consumer';
import { JobWorker } from './job.worker';
import { RetryLaterError } from './handler-failure.classifier';
import { ResultConsumer } from './result.consumer';

interface TestResult {
  jobId: string;
  ok: boolean;
}

const asResult = (input: unknown): TestResult => {
  const value = input as Partial<TestResult> | null;
  if (typeof value?.jobId !== 'string' || typeof value.ok !== 'boolean')
    throw new DomainError('VALIDATION_FAILED', 'not a result');
  return { jobId: value.jobId, ok: value.ok };
};

describe('ResultConsumer and DeadLetterConsumer on a real JetStream', () => {
  let ctx: JetStreamTestContext;
  let publisher: JobPublisher;
  const loops: Array<{ stop(o?: { timeoutMs?: number }): Promise<unknown> }> = [];

  beforeAll(async () => {
    ctx = await createJetStreamTestContext({ roles: ['developer', 'qa'], ackWaitMs: 1000, maxAttempts: 2 });
    publisher = new JobPublisher(ctx.js, { prefix: ctx.prefix });
  });

  afterEach(async () => {
    await Promise.all(loops.splice(0).map((l) => l.stop({ timeoutMs: 1000 })));
  });

  afterAll(async () => {
    await ctx.cleanup();
  });

  async function startResults(
    handler: ConsumerStartOptions<TestResult>['handler'],
    hooks: RecordingHooks,
    retryBackoff?: ConsumerStartOptions<TestResult>['retryBackoff'],
  ): Promise<void> {
    const consumer = new ResultConsumer<TestResult>(ctx.js, { prefix: ctx.prefix, logger: testLogger });
    loops.push(consumer);
    await consumer.start({
      stream: ctx.topology.streams.results,
      consumer: ctx.topology.consumers.results,
      validate: asResult,
      handler,
      hooks,
      concurrency: 4,
      ...(retryBackoff ? { retryBackoff } : {}),
    });
  }

  it('consumes results of every role from one consumer and acks them', async () => {
    const hooks = new RecordingHooks();
    const applied: string[] = [];
    await startResults(({ data }) => {
      applied.push(data.jobId);
    }, hooks);
    await publisher.publish(resultSubject('developer'), { jobId: 'j1', ok: true }, 'result-j1');
    await publisher.publish(resultSubject('qa'), { jobId: 'j2', ok: true }, 'result-j2');
    await pollUntil('both applied', () => hooks.count('acked') === 2);
    expect(applied.sort()).toEqual(['j1', 'j2']);
    expect(await streamMessageCount(ctx.jsm, ctx.topology.streams.results)).toBe(0);
  });

  it("brings a result back after the handler's own delay when it throws RetryLaterError", async () => {
    const hooks = new RecordingHooks();
    const deliveries: number[] = [];
    // The policy's backoff (a minute) would outlast the test: only the handler's 30 ms can bring it back.
    await startResults(
      ({ deliveryCount }) => {
        deliveries.push(deliveryCount);
        if (deliveryCount === 1) throw new RetryLaterError('its run is leased elsewhere for 30 ms more', 30);
      },
      hooks,
      { baseMs: 60_000, maxMs: 60_000, jitter: 0 },
    );
    await publisher.publish(resultSubject('developer'), { jobId: 'j-later', ok: true }, 'result-j-later');
    await pollUntil('applied on the second delivery', () => hooks.count('acked') === 1);
    expect(deliveries).toEqual([1, 2]);
    expect(hooks.outcomes[0]).toMatchObject({ kind: 'retry', delayMs: 30 });
  });

  it('dead-letters a result it cannot apply to agent.v1.dlq.result.<role>', async () => {
    const hooks = new RecordingHooks();
    await startResults(() => {
      throw new DomainError('RUN_NOT_FOUND', 'run is gone');
    }, hooks);
    await publisher.publish(resultSubject('qa'), { jobId: 'j3', ok: false }, 'result-j3');
    await pollUntil('dead-lettered', () => hooks.count('dead-lettered') === 1);
    const letters = await readStream<DeadLetterEnvelope>(ctx.jsm, ctx.topology.streams.deadLetters);
    const letter = letters.find((l) => l.data.payload && (l.data.payload as TestResult).jobId === 'j3');
    expect(letter?.subject).toBe(`${ctx.prefix}agent.v1.dlq.result.qa`);
    expect(letter?.data).toMatchObject({
      kind: 'rejected',
      error: { code: 'RUN_NOT_FOUND' },
      originalSubject: `${ctx.prefix}agent.v1.result.qa`,
    });
  });

  it('lets the orchestrator read job dead letters while the dead-letter stream keeps them', async () => {
    const workerHooks = new RecordingHooks();
    const worker = new JobWorker<unknown>(ctx.js, { prefix: ctx.prefix, logger: testLogger });
    loops.push(worker);
    await worker.start({
      stream: ctx.topology.streams.jobs,
      consumer: ctx.topology.consumers.jobs.developer!,
      validate: (x) => x,
      handler: () => {
        throw new DomainError('VALIDATION_FAILED', 'poison job');
      },
      hooks: workerHooks,
    });
    const seen: DeadLetterEnvelope[] = [];
    const dlqHooks = new RecordingHooks();
    const dlq = new DeadLetterConsumer<DeadLetterEnvelope>(ctx.js, {
      prefix: ctx.prefix,
      logger: testLogger,
    });
    loops.push(dlq);
    await dlq.start({
      stream: ctx.topology.streams.deadLetters,
      consumer: ctx.topology.consumers.deadLetters,
      validate: (x) => x as DeadLetterEnvelope,
      handler: ({ data }) => {
        seen.push(data);
      },
      hooks: dlqHooks,
    });
    await publisher.publish(jobSubject('developer'), { jobId: 'poison' }, 'job-poison');
    await pollUntil('dead letter read', () =>
      seen.some((d) => (d.payload as { jobId?: string }).jobId === 'poison'),
    );
    const letter = seen.find((d) => (d.payload as { jobId?: string }).jobId === 'poison');
    expect(letter).toMatchObject({
      kind: 'rejected',
      reason: 'non-retryable failure: poison job',
      originalSubject: `${ctx.prefix}agent.v1.job.developer`,
    });
    const kept = await readStream<DeadLetterEnvelope>(ctx.jsm, ctx.topology.streams.deadLetters);
    expect(kept.some((k) => (k.data.payload as { jobId?: string }).jobId === 'poison')).toBe(true);
  });
});
