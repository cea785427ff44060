/**
 * Real: NATS JetStream (NATS_URL), streams and consumers from ensureJobStreams, the contracts' AgentJob
 * validator. Faked: the handlers (scripted to succeed, fail or block). Each test has its own prefix and
 * streams; AckWait is short (1 s) so redelivery paths finish quickly.
 */
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { AgentJob, DomainError, jobSubject, validateContract } from '@shipyard/contracts';
import { currentContext, runWithContext } from '@shipyard/shared/observability';
import type { DeadLetterEnvelope } from '../dead-letter/dead-letter.envelope';
import { JobPublisher } from '../publish/job.publisher';
import type { RetryBackoffPolicy } from '../retry/retry.backoff';
import {
  createJetStreamTestContext,
  gate,
  natsUrl,
  pollUntil,
  readStream,
  streamMessageCount,
  testLogger,
  type JetStreamTestContext,
} from '../testing/jetstream.test-fixture';
import { RecordingHooks } from '../testing/recording.hooks';
import type { MessageHandler } from './consumer.types';
import { JobWorker } from './job.worker';

interface TestJob {
  id: string;
}

const FAST_RETRY: RetryBackoffPolicy = { baseMs: 20, maxMs: 100, jitter: 0 };
const SUBJECT = jobSubject('developer');

function validateTestJob(input: unknown): TestJob {
  const id = (input as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || id.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'id must be a non-empty string', [
      { path: 'id', messages: ['must be a non-empty string'] },
    ]);
  }
  return { id };
}

describe('JobWorker on a real JetStream', () => {
  const contexts: JetStreamTestContext[] = [];
  const workers: Array<JobWorker<unknown>> = [];

  async function setup(options: { maxAttempts?: number; ackWaitMs?: number } = {}) {
    const ctx = await createJetStreamTestContext({
      roles: ['developer'],
      ackWaitMs: options.ackWaitMs ?? 1000,
      maxAttempts: options.maxAttempts ?? 3,
    });
    contexts.push(ctx);
    const publisher = new JobPublisher(ctx.js, { prefix: ctx.prefix });
    const startWorker = async <T = TestJob>(
      handler: MessageHandler<T>,
      extra: {
        concurrency?: number;
        hooks?: RecordingHooks;
        validate?: (x: unknown) => T;
        js?: typeof ctx.js;
        handlerTimeoutMs?: number;
      } = {},
    ) => {
      const hooks = extra.hooks ?? new RecordingHooks();
      const worker = new JobWorker<T>(extra.js ?? ctx.js, { prefix: ctx.prefix, logger: testLogger });
      workers.push(worker as JobWorker<unknown>);
      await worker.start({
        stream: ctx.topology.streams.jobs,
        consumer: ctx.topology.consumers.jobs.developer!,
        handler,
        validate: extra.validate ?? (validateTestJob as unknown as (x: unknown) => T),
        concurrency: extra.concurrency ?? 1,
        retryBackoff: FAST_RETRY,
        hooks,
        ...(extra.handlerTimeoutMs ? { handlerTimeoutMs: extra.handlerTimeoutMs } : {}),
      });
      return { worker, hooks };
    };
    const jobsLeft = () => streamMessageCount(ctx.jsm, ctx.topology.streams.jobs);
    const deadLetters = async () =>
      await readStream<DeadLetterEnvelope>(ctx.jsm, ctx.topology.streams.deadLetters);
    return { ctx, publisher, startWorker, jobsLeft, deadLetters };
  }

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop({ timeoutMs: 1000 })));
    await Promise.all(contexts.splice(0).map((c) => c.cleanup()));
  });

  it('handles a published job once, acks it, and the work queue is empty afterwards', async () => {
    const { publisher, startWorker, jobsLeft } = await setup();
    const seen: Array<{ id: string; deliveryCount: number; requestId?: string }> = [];
    const { hooks } = await startWorker(({ data, deliveryCount }) => {
      seen.push({
        id: data.id,
        deliveryCount,
        ...(currentContext().requestId ? { requestId: currentContext().requestId } : {}),
      });
    });
    await runWithContext({ requestId: 'req-1' }, () => publisher.publish(SUBJECT, { id: 'a' }, 'job-a'));
    await pollUntil('job acked', () => hooks.count('acked') === 1);
    expect(seen).toEqual([{ id: 'a', deliveryCount: 1, requestId: 'req-1' }]);
    await pollUntil('work queue empty', async () => (await jobsLeft()) === 0);
  });

  it('redelivers a job whose handler fails retryably, and it succeeds on a later delivery', async () => {
    const { publisher, startWorker, jobsLeft, deadLetters } = await setup({ maxAttempts: 3 });
    const deliveries: number[] = [];
    const { hooks } = await startWorker(({ deliveryCount }) => {
      deliveries.push(deliveryCount);
      if (deliveryCount < 3)
        throw new DomainError('SERVICE_UNAVAILABLE', 'model endpoint down', undefined, true);
    });
    await publisher.publish(SUBJECT, { id: 'b' }, 'job-b');
    await pollUntil('job acked after retries', () => hooks.count('acked') === 1);
    expect(deliveries).toEqual([1, 2, 3]);
    expect(hooks.kinds()).toEqual(['retry', 'retry', 'acked']);
    expect(await jobsLeft()).toBe(0);
    expect(await deadLetters()).toEqual([]);
  });

  it('dead-letters a job that never succeeds after maxAttempts deliveries, with the reason, and removes it from the work queue', async () => {
    const { ctx, publisher, startWorker, jobsLeft, deadLetters } = await setup({ maxAttempts: 3 });
    let calls = 0;
    const { hooks } = await startWorker(() => {
      calls++;
      throw new Error('socket hang up');
    });
    await runWithContext({ requestId: 'req-dlq' }, () => publisher.publish(SUBJECT, { id: 'c' }, 'job-c'));
    await pollUntil('dead-lettered', () => hooks.count('dead-lettered') === 1);
    expect(calls).toBe(3);
    const [letter, ...rest] = await deadLetters();
    expect(rest).toEqual([]);
    expect(letter?.subject).toBe(`${ctx.prefix}agent.v1.dlq.developer`);
    expect(letter?.data).toMatchObject({
      kind: 'exhausted',
      reason: expect.stringContaining(
        'failed 3 of 3 attempt(s); last error: Error: socket hang up',
      ) as unknown,
      originalSubject: `${ctx.prefix}agent.v1.job.developer`,
      stream: ctx.topology.streams.jobs,
      consumer: 'job-developer',
      deliveryCount: 3,
      payload: { id: 'c' },
      headers: expect.objectContaining({ 'Nats-Msg-Id': 'job-c', 'x-request-id': 'req-dlq' }) as unknown,
    });
    expect(letter?.headers).toMatchObject({
      'Shipyard-Dead-Letter-Kind': 'exhausted',
      'x-request-id': 'req-dlq',
    });
    await pollUntil('work queue empty', async () => (await jobsLeft()) === 0);
  });

  it('dead-letters an invalid payload at once, without calling the handler', async () => {
    const { publisher, startWorker, jobsLeft, deadLetters } = await setup();
    let calls = 0;
    const { hooks } = await startWorker<AgentJob>(
      () => {
        calls++;
      },
      { validate: (x) => validateContract(AgentJob, x) },
    );
    await publisher.publish(SUBJECT, { jobId: 'bad id with spaces', role: 'developer' }, 'job-invalid');
    await pollUntil('dead-lettered', () => hooks.count('dead-lettered') === 1);
    expect(calls).toBe(0);
    const [letter] = await deadLetters();
    expect(letter?.data).toMatchObject({
      kind: 'invalid_payload',
      deliveryCount: 1,
      error: {
        code: 'VALIDATION_FAILED',
        details: expect.arrayContaining([expect.objectContaining({ path: 'jobId' })]) as unknown,
      },
      payload: { jobId: 'bad id with spaces', role: 'developer' },
    });
    await pollUntil('work queue empty', async () => (await jobsLeft()) === 0);
  });

  it('keeps a payload that is not JSON as text in its dead letter', async () => {
    const { ctx, startWorker, deadLetters } = await setup();
    const { hooks } = await startWorker(() => undefined);
    await ctx.js.publish(`${ctx.prefix}${SUBJECT}`, 'not json {', { msgID: 'raw-1' });
    await pollUntil('dead-lettered', () => hooks.count('dead-lettered') === 1);
    const [letter] = await deadLetters();
    expect(letter?.data).toMatchObject({ kind: 'invalid_payload', payloadText: 'not json {' });
    expect(letter?.data.payload).toBeUndefined();
  });

  it('dead-letters a non-retryable failure at once', async () => {
    const { publisher, startWorker, deadLetters } = await setup({ maxAttempts: 5 });
    const { hooks } = await startWorker(() => {
      throw new DomainError('VALIDATION_FAILED', 'task has no acceptance criteria');
    });
    await publisher.publish(SUBJECT, { id: 'd' }, 'job-d');
    await pollUntil('dead-lettered', () => hooks.count('dead-lettered') === 1);
    expect(hooks.kinds()).toEqual(['dead-lettered']);
    const [letter] = await deadLetters();
    expect(letter?.data).toMatchObject({
      kind: 'rejected',
      deliveryCount: 1,
      error: { code: 'VALIDATION_FAILED', message: 'task has no acceptance criteria' },
    });
  });

  it('heartbeats a long job so that it is not redelivered while it runs, even with a second worker waiting', async () => {
    const { ctx, publisher, startWorker, jobsLeft } = await setup({ ackWaitMs: 600 });
    const release = gate();
    const first = new RecordingHooks();
    const deliveries: number[] = [];
    await startWorker(
      async ({ deliveryCount }) => {
        deliveries.push(deliveryCount);
        await release.promise;
      },
      { hooks: first },
    );
    let secondCalls = 0;
    await startWorker(() => {
      secondCalls++;
    });
    await publisher.publish(SUBJECT, { id: 'long' }, 'job-long');
    // Nine automatic heartbeats at AckWait/3 span three AckWaits: without them the job would be redelivered.
    await pollUntil('three AckWaits of heartbeats', () => first.automaticHeartbeats >= 9, 15_000);
    const info = await ctx.jsm.consumers.info(ctx.topology.streams.jobs, 'job-developer');
    expect(info.num_redelivered).toBe(0);
    expect(info.num_ack_pending).toBe(1);
    expect(deliveries).toEqual([1]);
    expect(secondCalls).toBe(0);
    release.open();
    await pollUntil('acked', () => first.count('acked') === 1);
    await pollUntil('work queue empty', async () => (await jobsLeft()) === 0);
  });

  it('redelivers a job to another worker after AckWait when the first worker dies without acking', async () => {
    const { ctx, publisher, startWorker, jobsLeft } = await setup({ ackWaitMs: 500 });
    const doomed = await connect({ servers: natsUrl(), name: 'doomed-worker' });
    const started = gate<number>();
    await startWorker(
      async ({ deliveryCount }) => {
        started.open(deliveryCount);
        await new Promise(() => undefined); // never finishes: its process "dies" below
      },
      { js: jetstream(doomed) },
    );
    await publisher.publish(SUBJECT, { id: 'orphan' }, 'job-orphan');
    expect(await started.promise).toBe(1);
    await doomed.close();
    const survivorDeliveries: number[] = [];
    const { hooks } = await startWorker(({ deliveryCount }) => {
      survivorDeliveries.push(deliveryCount);
    });
    await pollUntil('redelivered and acked', () => hooks.count('acked') === 1);
    expect(survivorDeliveries).toEqual([2]);
    await pollUntil('work queue empty', async () => (await jobsLeft()) === 0);
    expect((await ctx.jsm.consumers.info(ctx.topology.streams.jobs, 'job-developer')).num_redelivered).toBe(
      0,
    );
  });

  it('dead-letters a job whose last attempt was never answered, using the reserved delivery', async () => {
    const { publisher, startWorker, jobsLeft, deadLetters } = await setup({ ackWaitMs: 500, maxAttempts: 1 });
    const doomed = await connect({ servers: natsUrl(), name: 'doomed-worker' });
    const started = gate();
    await startWorker(
      async () => {
        started.open();
        await new Promise(() => undefined);
      },
      { js: jetstream(doomed) },
    );
    await publisher.publish(SUBJECT, { id: 'lost' }, 'job-lost');
    await started.promise;
    await doomed.close();
    let calls = 0;
    const { hooks } = await startWorker(() => {
      calls++;
    });
    await pollUntil('dead-lettered', () => hooks.count('dead-lettered') === 1);
    expect(calls).toBe(0);
    const [letter] = await deadLetters();
    expect(letter?.data).toMatchObject({
      kind: 'exhausted',
      deliveryCount: 2,
      reason: expect.stringContaining('never answered') as unknown,
    });
    await pollUntil('work queue empty', async () => (await jobsLeft()) === 0);
  });

  it('never lets two workers on one consumer process the same message at once, and handles each once', async () => {
    const { publisher, startWorker, jobsLeft } = await setup({ ackWaitMs: 5000 });
    const active = new Set<string>();
    const handled: string[] = [];
    let overlaps = 0;
    let peak = 0;
    const handler: MessageHandler<TestJob> = async ({ data }) => {
      if (active.has(data.id)) overlaps++;
      active.add(data.id);
      peak = Math.max(peak, active.size);
      await new Promise((resolve) => setImmediate(resolve));
      active.delete(data.id);
      handled.push(data.id);
    };
    const a = await startWorker(handler, { concurrency: 3 });
    const b = await startWorker(handler, { concurrency: 3 });
    const ids = Array.from({ length: 40 }, (_, i) => `m${i}`);
    await Promise.all(ids.map((id) => publisher.publish(SUBJECT, { id }, `job-${id}`)));
    await pollUntil(
      'all acked',
      () => a.hooks.count('acked') + b.hooks.count('acked') === ids.length,
      20_000,
    );
    expect(overlaps).toBe(0);
    expect(peak).toBeLessThanOrEqual(6);
    expect([...handled].sort()).toEqual([...ids].sort());
    expect(await jobsLeft()).toBe(0);
  });

  it('aborts a handler that exceeds its timeout and retries the job', async () => {
    const { publisher, startWorker } = await setup({ maxAttempts: 3 });
    const reasons: string[] = [];
    const { hooks } = await startWorker(
      ({ deliveryCount, signal }) =>
        deliveryCount > 1
          ? undefined
          : new Promise<void>((_, reject) =>
              signal.addEventListener('abort', () => {
                reasons.push(String(signal.reason));
                reject(signal.reason as Error);
              }),
            ),
      { handlerTimeoutMs: 150 },
    );
    await publisher.publish(SUBJECT, { id: 'slow' }, 'job-slow');
    await pollUntil('retried and acked', () => hooks.count('acked') === 1);
    expect(hooks.kinds()).toEqual(['retry', 'acked']);
    expect(reasons).toEqual([expect.stringContaining('handler exceeded 150 ms') as unknown]);
  });

  it('stop() stops pulling and waits for the job in flight, which is then acked', async () => {
    const { publisher, startWorker, jobsLeft } = await setup();
    const release = gate();
    const started = gate();
    const { worker, hooks } = await startWorker(async () => {
      started.open();
      await release.promise;
    });
    await publisher.publish(SUBJECT, { id: 'inflight' }, 'job-inflight');
    await started.promise;
    let stopped = false;
    const stopping = worker.stop({ timeoutMs: 10_000 }).then((report) => {
      stopped = true;
      return report;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release.open();
    expect(await stopping).toEqual({ drained: true, abandoned: 0 });
    expect(hooks.kinds()).toEqual(['acked']);
    expect(await jobsLeft()).toBe(0);
    // A job published after stop() stays for the next worker.
    await publisher.publish(SUBJECT, { id: 'later' }, 'job-later');
    expect(await jobsLeft()).toBe(1);
    expect(worker.isRunning).toBe(false);
  });

  it('stop() gives up on a handler after its timeout, aborts it, and the job goes to the next worker', async () => {
    const { publisher, startWorker } = await setup({ ackWaitMs: 500 });
    const aborted = gate<string>();
    const started = gate();
    const { worker } = await startWorker(async ({ signal }) => {
      started.open();
      await new Promise<void>((_, reject) =>
        signal.addEventListener('abort', () => {
          aborted.open(String(signal.reason));
          reject(signal.reason as Error);
        }),
      );
    });
    await publisher.publish(SUBJECT, { id: 'stuck' }, 'job-stuck');
    await started.promise;
    expect(await worker.stop({ timeoutMs: 100 })).toEqual({ drained: false, abandoned: 1 });
    expect(await aborted.promise).toContain('consumer stopped');
    const next = await startWorker(() => undefined);
    await pollUntil('redelivered and acked', () => next.hooks.count('acked') === 1);
    expect(next.hooks.outcomes[0]?.deliveryCount).toBe(2);
  });
});
