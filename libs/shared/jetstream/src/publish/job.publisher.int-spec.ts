/**
 * Real: NATS JetStream (NATS_URL), the job streams from ensureJobStreams. Faked: nothing.
 */
import { jobSubject, REQUEST_ID_HEADER } from '@shipyard/contracts';
import { runWithContext } from '@shipyard/shared/observability';
import {
  createJetStreamTestContext,
  readStream,
  type JetStreamTestContext,
} from '../testing/jetstream.test-fixture';
import { JobPublisher } from './job.publisher';

describe('JobPublisher on a real JetStream', () => {
  let ctx: JetStreamTestContext;
  let publisher: JobPublisher;

  beforeAll(async () => {
    ctx = await createJetStreamTestContext({ roles: ['developer'] });
    publisher = new JobPublisher(ctx.js, { prefix: ctx.prefix });
  });

  afterAll(async () => {
    await ctx.cleanup();
  });

  it('stores the same job once when it is published twice with the same msg id', async () => {
    const first = await publisher.publish(
      jobSubject('developer'),
      { jobId: 'run-1:implement:1', n: 1 },
      'run-1:implement:1',
    );
    const second = await publisher.publish(
      jobSubject('developer'),
      { jobId: 'run-1:implement:1', n: 1 },
      'run-1:implement:1',
    );
    expect(first).toEqual({
      stream: ctx.topology.streams.jobs,
      seq: expect.any(Number) as unknown,
      duplicate: false,
    });
    expect(second).toEqual({ stream: ctx.topology.streams.jobs, seq: first.seq, duplicate: true });
    const stored = (await readStream(ctx.jsm, ctx.topology.streams.jobs)).filter(
      (m) => m.headers['Nats-Msg-Id'] === 'run-1:implement:1',
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.data).toEqual({ jobId: 'run-1:implement:1', n: 1 });
  });

  it('carries the request id from the context and the caller headers', async () => {
    const receipt = await runWithContext({ requestId: 'req-42' }, () =>
      publisher.publish(jobSubject('developer'), { n: 2 }, 'job-2', {
        headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      }),
    );
    const stored = (await readStream(ctx.jsm, ctx.topology.streams.jobs)).find((m) => m.seq === receipt.seq);
    expect(stored?.subject).toBe(`${ctx.prefix}agent.v1.job.developer`);
    expect(stored?.headers).toMatchObject({
      [REQUEST_ID_HEADER]: 'req-42',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'Nats-Msg-Id': 'job-2',
    });
  });

  it('refuses bad input before touching the server', async () => {
    await expect(publisher.publish(jobSubject('developer'), { n: 3 }, 'has space')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(publisher.publish('agent.v1.job.*', { n: 3 }, 'x')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      publisher.publish(jobSubject('developer'), 'text' as unknown as object, 'x'),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      publisher.publish(jobSubject('developer'), { n: 3 }, 'x', { headers: { 'Nats-Msg-Id': 'sneaky' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      publisher.publish(jobSubject('developer'), { n: 3 }, 'x', { headers: { note: 'a\r\nb' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('reports a subject no stream listens on as a retryable SERVICE_UNAVAILABLE', async () => {
    await expect(publisher.publish('nobody.listens.here', { n: 4 }, 'job-4')).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      retryable: true,
    });
  });
});
