/**
 * Micro-benchmark of the job transport (not a test): publish -> worker receives -> ack confirmed, one
 * message at a time, p50/p99 over N messages; plus the same with the client's consume() and with one
 * fetch per message, to show what the pull-loop design costs or saves; plus throughput with concurrency.
 * Prints JSON. Run after `npm run build`:
 *   node dist/libs/shared/jetstream/src/bench/jetstream.bench.js [--n 2000] [--rounds 5] [--warmup 200] [--concurrency 16] [--gap-ms 0]
 * Uses its own prefix and streams on NATS_URL (default nats://127.0.0.1:4222) and deletes them.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { pino } from 'pino';
import { jobSubject } from '@shipyard/contracts';
import { JobWorker } from '../consume/job.worker';
import { JobPublisher } from '../publish/job.publisher';
import { deleteJobStreams, ensureJobStreams, type JobTopology } from '../topology/job-streams.topology';
import { summarizeLatencies } from '@shipyard/shared/test-utils';

interface Waiter {
  resolve(): void;
}

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '16' },
    // Pause between sequential messages: 0 measures back-to-back traffic; 2 ms or so measures the idle
    // case (the "idle overhead"), where a worker's pull request is already waiting at the server.
    'gap-ms': { type: 'string', default: '0' },
    // The sequential scenarios take turns in rounds, so that load from other processes on a shared machine
    // spreads over all of them instead of skewing whichever ran during a busy spell.
    rounds: { type: 'string', default: '5' },
  },
});
const N = positiveInt(values.n, 'n');
const WARMUP = Number(values.warmup);
if (!Number.isInteger(WARMUP) || WARMUP < 0)
  throw new Error(`--warmup must be an integer >= 0, got ${values.warmup}`);
const CONCURRENCY = positiveInt(values.concurrency, 'concurrency');
const ROUNDS = positiveInt(values.rounds, 'rounds');
const PER_ROUND = Math.ceil(N / ROUNDS);
const GAP_MS = Number(values['gap-ms']);
if (!Number.isInteger(GAP_MS) || GAP_MS < 0)
  throw new Error(`--gap-ms must be an integer >= 0, got ${values['gap-ms']}`);
const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

// noAsyncTraces: the client otherwise builds an Error (a stack capture) per request, measurably slower
// (about 0.06-0.2 ms at p50 here); services should connect the same way.
const nc = await connect({ servers: url, name: 'jetstream-bench', noAsyncTraces: true });
const jsm = await jetstreamManager(nc);
const js = jetstream(nc);
const prefix = `bench${randomUUID().slice(0, 8)}.`;
const logger = pino({ level: 'warn' });
const payload = { jobId: 'x', input: { text: 'y'.repeat(512) } };

try {
  const topology = await ensureJobStreams(jsm, {
    prefix,
    roles: ['developer'],
    ackWaitMs: 30_000,
    maxAttempts: 5,
  });
  const publisher = new JobPublisher(js, { prefix });
  const worker = { roundTrip: [] as number[], publishToHandler: [] as number[] };
  const consume: number[] = [];
  const fetchPerMessage: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const w = await benchWorkerLoop(topology, publisher, round);
    worker.roundTrip.push(...w.roundTrip);
    worker.publishToHandler.push(...w.publishToHandler);
    consume.push(...(await benchRawConsume(topology, publisher, round)));
    fetchPerMessage.push(...(await benchRawFetchPerMessage(topology, publisher, round)));
  }
  const results = {
    workerLoop: {
      roundTrip: summarizeLatencies(worker.roundTrip),
      publishToHandler: summarizeLatencies(worker.publishToHandler),
    },
    rawConsume: { roundTrip: summarizeLatencies(consume) },
    rawFetchPerMessage: { roundTrip: summarizeLatencies(fetchPerMessage) },
    throughput: await benchThroughput(topology, publisher),
  };
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'jetstream job transport: publish -> worker receives -> ack confirmed (ms)',
        server: nc.info?.version,
        client: { noAsyncTraces: true },
        n: N,
        rounds: ROUNDS,
        warmupPerRound: WARMUP,
        gapMs: GAP_MS,
        payloadBytes: JSON.stringify(payload).length,
        ...results,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await deleteJobStreams(jsm, { prefix });
  await nc.drain();
}

/** Our JobWorker (pull loop with heartbeats, validation, double ack), one message in flight at a time. */
async function benchWorkerLoop(
  topology: JobTopology,
  publisher: JobPublisher,
  round: number,
): Promise<{ roundTrip: number[]; publishToHandler: number[] }> {
  let waiter: Waiter | undefined;
  let received = 0;
  const worker = new JobWorker<unknown>(js, { prefix, logger });
  await worker.start({
    stream: topology.streams.jobs,
    consumer: topology.consumers.jobs.developer!,
    validate: (x) => x,
    handler: () => {
      received = performance.now();
    },
    hooks: { onOutcome: () => waiter?.resolve() },
  });
  const roundTrip: number[] = [];
  const publishToHandler: number[] = [];
  for (let i = 0; i < WARMUP + PER_ROUND; i++) {
    await gap();
    const done = new Promise<void>((resolve) => (waiter = { resolve }));
    const start = performance.now();
    await publisher.publish(jobSubject('developer'), payload, `loop-${round}-${i}`);
    await done;
    if (i >= WARMUP) {
      roundTrip.push(performance.now() - start);
      publishToHandler.push(received - start);
    }
  }
  await worker.stop();
  return { roundTrip, publishToHandler };
}

/** The client's consume() with a small buffer and ackAck: the alternative design, for comparison. */
async function benchRawConsume(
  topology: JobTopology,
  publisher: JobPublisher,
  round: number,
): Promise<number[]> {
  const consumer = await js.consumers.get(topology.streams.jobs, topology.consumers.jobs.developer);
  const messages = await consumer.consume({ max_messages: 4 });
  let waiter: Waiter | undefined;
  const loop = (async () => {
    for await (const m of messages) {
      await m.ackAck();
      waiter?.resolve();
    }
  })();
  const samples = await sequential(`consume-${round}`, publisher, (w) => (waiter = w));
  await messages.close();
  await loop;
  return samples;
}

/** One fetch (pull request) issued per message after the publish: what a naive loop costs. */
async function benchRawFetchPerMessage(
  topology: JobTopology,
  publisher: JobPublisher,
  round: number,
): Promise<number[]> {
  const consumer = await js.consumers.get(topology.streams.jobs, topology.consumers.jobs.developer);
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + PER_ROUND; i++) {
    await gap();
    const start = performance.now();
    await publisher.publish(jobSubject('developer'), payload, `fetch-${round}-${i}`);
    const m: JsMsg | null = await consumer.next({ expires: 5000 });
    if (!m) throw new Error('fetch returned nothing');
    await m.ackAck();
    if (i >= WARMUP) samples.push(performance.now() - start);
  }
  return samples;
}

/** N messages published at once, our worker with CONCURRENCY slots: messages per second end to end. */
async function benchThroughput(
  topology: JobTopology,
  publisher: JobPublisher,
): Promise<{ concurrency: number; messages: number; perSecond: number }> {
  let acked = 0;
  let finish: () => void = () => undefined;
  const allAcked = new Promise<void>((resolve) => (finish = resolve));
  const worker = new JobWorker<unknown>(js, { prefix, logger });
  await worker.start({
    stream: topology.streams.jobs,
    consumer: topology.consumers.jobs.developer!,
    validate: (x) => x,
    handler: () => undefined,
    concurrency: CONCURRENCY,
    hooks: {
      onOutcome: (o) => {
        if (o.kind === 'acked' && ++acked === N) finish();
      },
    },
  });
  const start = performance.now();
  const inFlight: Array<Promise<unknown>> = [];
  for (let i = 0; i < N; i++) {
    inFlight.push(publisher.publish(jobSubject('developer'), payload, `tp-${i}`));
    // Bound outstanding publishes so the measurement is the transport, not a publish burst.
    if (inFlight.length >= 256) await Promise.all(inFlight.splice(0));
  }
  await Promise.all(inFlight);
  await allAcked;
  const seconds = (performance.now() - start) / 1000;
  await worker.stop();
  return { concurrency: CONCURRENCY, messages: N, perSecond: Math.round(N / seconds) };
}

async function sequential(tag: string, publisher: JobPublisher, arm: (w: Waiter) => void): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + PER_ROUND; i++) {
    await gap();
    const done = new Promise<void>((resolve) => arm({ resolve }));
    const start = performance.now();
    await publisher.publish(jobSubject('developer'), payload, `${tag}-${i}`);
    await done;
    if (i >= WARMUP) samples.push(performance.now() - start);
  }
  return samples;
}

function gap(): Promise<void> {
  return GAP_MS === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, GAP_MS));
}

function positiveInt(value: string | undefined, name: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new Error(`--${name} must be a positive integer, got ${value}`);
  return parsed;
}
