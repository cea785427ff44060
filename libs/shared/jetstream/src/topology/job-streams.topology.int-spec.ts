/**
 * Real: NATS JetStream (NATS_URL). Faked: nothing. Each test creates its own prefix, hence its own streams,
 * and deletes them.
 */
import { RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { DomainError } from '@shipyard/contracts';
import { createJetStreamTestContext, type JetStreamTestContext } from '../testing/jetstream.test-fixture';
import { deleteJobStreams, ensureJobStreams } from './job-streams.topology';

describe('ensureJobStreams on a real JetStream', () => {
  let ctx: JetStreamTestContext;

  beforeAll(async () => {
    ctx = await createJetStreamTestContext({ roles: ['developer', 'qa'], ackWaitMs: 2000, maxAttempts: 3 });
  });

  afterAll(async () => {
    await ctx.cleanup();
  });

  it('creates work-queue job and result streams and a limits dead-letter stream, all on file storage', async () => {
    const { streams } = ctx.topology;
    const jobs = await ctx.jsm.streams.info(streams.jobs);
    const results = await ctx.jsm.streams.info(streams.results);
    const dlq = await ctx.jsm.streams.info(streams.deadLetters);
    expect(jobs.config).toMatchObject({
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      subjects: [`${ctx.prefix}agent.v1.job.*`],
    });
    expect(results.config).toMatchObject({
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      subjects: [`${ctx.prefix}agent.v1.result.*`],
    });
    expect(dlq.config).toMatchObject({
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      subjects: [`${ctx.prefix}agent.v1.dlq.>`],
    });
    expect(jobs.config.duplicate_window).toBe(nanos(120_000));
  });

  it('creates one durable consumer per role with a disjoint filter, explicit acks and a reserved extra delivery', async () => {
    const developer = await ctx.jsm.consumers.info(ctx.topology.streams.jobs, 'job-developer');
    const qa = await ctx.jsm.consumers.info(ctx.topology.streams.jobs, 'job-qa');
    expect(developer.config).toMatchObject({
      durable_name: 'job-developer',
      filter_subject: `${ctx.prefix}agent.v1.job.developer`,
      ack_policy: 'explicit',
      ack_wait: nanos(2000),
      max_deliver: 4,
    });
    expect(developer.config.backoff).toBeUndefined();
    expect(qa.config.filter_subject).toBe(`${ctx.prefix}agent.v1.job.qa`);
    expect(ctx.topology.consumers.jobs).toEqual({ developer: 'job-developer', qa: 'job-qa' });
  });

  it('is idempotent and applies changed settings on a second run', async () => {
    const again = await ensureJobStreams(ctx.jsm, {
      prefix: ctx.prefix,
      roles: ['developer', 'qa'],
      ackWaitMs: 3000,
      maxAttempts: 3,
    });
    expect(again.streams).toEqual(ctx.topology.streams);
    const developer = await ctx.jsm.consumers.info(ctx.topology.streams.jobs, 'job-developer');
    expect(developer.config.ack_wait).toBe(nanos(3000));
  });

  it('survives two services ensuring the same fresh topology at the same moment', async () => {
    const prefix = `${ctx.prefix}race.`;
    try {
      const [a, b] = await Promise.all([
        ensureJobStreams(ctx.jsm, { prefix, roles: ['developer', 'qa'] }),
        ensureJobStreams(ctx.jsm, { prefix, roles: ['developer', 'qa'] }),
      ]);
      expect(a).toEqual(b);
      expect((await ctx.jsm.consumers.info(a.streams.jobs, 'job-qa')).config.max_deliver).toBe(6);
    } finally {
      await deleteJobStreams(ctx.jsm, { prefix });
    }
  });

  it('refuses invalid options, naming the fields', async () => {
    await expect(ensureJobStreams(ctx.jsm, { prefix: 'no-dot', maxAttempts: 0 })).rejects.toBeInstanceOf(
      DomainError,
    );
    await expect(
      ensureJobStreams(ctx.jsm, { prefix: ctx.prefix, maxAttempts: 0, ackWaitMs: 5, roles: ['Bad Role'] }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: expect.arrayContaining([
        expect.objectContaining({ path: 'maxAttempts' }),
        expect.objectContaining({ path: 'ackWaitMs' }),
        expect.objectContaining({ path: 'roles' }),
      ]) as unknown,
    });
  });

  it('deletes the streams, and deleting again is a no-op', async () => {
    const other = await createJetStreamTestContext({ roles: ['pm'] });
    await deleteJobStreams(other.jsm, { prefix: other.prefix });
    await expect(other.jsm.streams.info(other.topology.streams.jobs)).rejects.toThrow();
    await other.cleanup();
  });
});
