/**
 * Real: NATS JetStream (NATS_URL), a worker in a separate Node process (dist/, built by `npm test`) that is
 * killed with SIGKILL mid-job. Faked: the handlers. Own prefix and streams, deleted afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { jobSubject } from '@shipyard/contracts';
import { JobPublisher } from '../publish/job.publisher';
import {
  createJetStreamTestContext,
  natsUrl,
  pollUntil,
  streamMessageCount,
  testLogger,
  type JetStreamTestContext,
} from '../testing/jetstream.test-fixture';
import { RecordingHooks } from '../testing/recording.hooks';
import { JobWorker } from './job.worker';

const FIXTURE = resolve('dist/libs/shared/jetstream/src/testing/crash-worker.fixture.js');

describe('a worker process killed mid-job', () => {
  let ctx: JetStreamTestContext;
  let child: ChildProcess | undefined;
  let survivor: JobWorker<{ id: string }> | undefined;

  beforeAll(async () => {
    if (!existsSync(FIXTURE))
      throw new Error(`${FIXTURE} is missing: run the spec through npm test, which builds dist/ first`);
    ctx = await createJetStreamTestContext({ roles: ['developer'], ackWaitMs: 500, maxAttempts: 3 });
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await survivor?.stop({ timeoutMs: 1000 });
    await ctx.cleanup();
  });

  it('has its job redelivered to another worker after AckWait, which finishes it', async () => {
    child = spawn(process.execPath, ['--enable-source-maps', FIXTURE], {
      env: {
        ...process.env,
        NATS_URL: natsUrl(),
        PREFIX: ctx.prefix,
        STREAM: ctx.topology.streams.jobs,
        CONSUMER: 'job-developer',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const events: Array<{ event: string; deliveryCount?: number }> = [];
    createInterface({ input: child.stdout! }).on('line', (line) =>
      events.push(JSON.parse(line) as { event: string }),
    );
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child!.once('exit', (_code, signal) => done(signal)),
    );

    await pollUntil('child worker ready', () => events.some((e) => e.event === 'ready'), 15_000);
    await new JobPublisher(ctx.js, { prefix: ctx.prefix }).publish(
      jobSubject('developer'),
      { id: 'crash' },
      'job-crash',
    );
    await pollUntil('child started the job', () => events.find((e) => e.event === 'started'));
    expect(events.find((e) => e.event === 'started')?.deliveryCount).toBe(1);

    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const hooks = new RecordingHooks();
    const deliveries: number[] = [];
    survivor = new JobWorker<{ id: string }>(ctx.js, { prefix: ctx.prefix, logger: testLogger });
    await survivor.start({
      stream: ctx.topology.streams.jobs,
      consumer: 'job-developer',
      validate: (input) => input as { id: string },
      handler: ({ deliveryCount }) => {
        deliveries.push(deliveryCount);
      },
      hooks,
    });
    await pollUntil('redelivered and acked', () => hooks.count('acked') === 1);
    expect(deliveries).toEqual([2]);
    await pollUntil(
      'work queue empty',
      async () => (await streamMessageCount(ctx.jsm, ctx.topology.streams.jobs)) === 0,
    );
  });
});
