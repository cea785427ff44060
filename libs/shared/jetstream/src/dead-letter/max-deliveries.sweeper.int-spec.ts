/**
 * Real: NATS JetStream (NATS_URL) and its MAX_DELIVERIES advisory. Faked: the lost workers are raw pulls
 * that never answer. Own prefix and streams, deleted afterwards.
 */
import { jobSubject } from '@shipyard/contracts';
import { JobPublisher } from '../publish/job.publisher';
import {
  createJetStreamTestContext,
  pollUntil,
  readStream,
  streamMessageCount,
  testLogger,
  type JetStreamTestContext,
} from '../testing/jetstream.test-fixture';
import type { DeadLetterEnvelope } from './dead-letter.envelope';
import { MaxDeliveriesSweeper } from './max-deliveries.sweeper';

describe('MaxDeliveriesSweeper on a real JetStream', () => {
  let ctx: JetStreamTestContext;
  let sweeper: MaxDeliveriesSweeper;

  beforeAll(async () => {
    ctx = await createJetStreamTestContext({ roles: ['developer'], ackWaitMs: 400, maxAttempts: 1 });
    sweeper = new MaxDeliveriesSweeper(ctx.nc, ctx.jsm, {
      prefix: ctx.prefix,
      streams: [ctx.topology.streams.jobs, ctx.topology.streams.results],
      logger: testLogger,
    });
    await sweeper.start();
  });

  afterAll(async () => {
    await sweeper.stop();
    await ctx.cleanup();
  });

  it('moves a message whose every delivery was lost to the dead-letter subject and out of the work queue', async () => {
    await new JobPublisher(ctx.js, { prefix: ctx.prefix }).publish(
      jobSubject('developer'),
      { id: 'ghost' },
      'job-ghost',
    );
    const consumer = await ctx.js.consumers.get(ctx.topology.streams.jobs, 'job-developer');
    // Both deliveries (the attempt and the reserved one) go to "workers" that never answer.
    const seen: number[] = [];
    await pollUntil('two unanswered deliveries', async () => {
      const msg = await consumer.next({ expires: 1000 });
      if (msg) seen.push(msg.info.deliveryCount);
      return seen.length === 2;
    });
    expect(seen).toEqual([1, 2]);
    // Another pull makes the server try a third delivery, find MaxDeliver reached, and advise.
    const letters = await pollUntil('dead letter stored', async () => {
      await consumer.next({ expires: 1000 });
      const stored = await readStream<DeadLetterEnvelope>(ctx.jsm, ctx.topology.streams.deadLetters);
      return stored.length > 0 ? stored : undefined;
    });
    expect(letters).toHaveLength(1);
    expect(letters[0]?.subject).toBe(`${ctx.prefix}agent.v1.dlq.developer`);
    expect(letters[0]?.data).toMatchObject({
      kind: 'exhausted',
      deliveryCount: 2,
      reason: expect.stringContaining('moved by the max-deliveries sweeper') as unknown,
      payload: { id: 'ghost' },
      headers: { 'Nats-Msg-Id': 'job-ghost' },
    });
    await pollUntil(
      'work queue empty',
      async () => (await streamMessageCount(ctx.jsm, ctx.topology.streams.jobs)) === 0,
    );
  });
});
