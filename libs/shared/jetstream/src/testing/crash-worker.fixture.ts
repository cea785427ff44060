/**
 * A worker process for the crash spec: it takes one job, says so on stdout, and never finishes, so that
 * the spec can SIGKILL it mid-job. Run from dist/ (npm test builds first). Not part of the library.
 */
import 'reflect-metadata';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { pino } from 'pino';
import { JobWorker } from '../consume/job.worker';

const { NATS_URL = 'nats://127.0.0.1:4222', PREFIX = '', STREAM = '', CONSUMER = '' } = process.env;

const nc = await connect({ servers: NATS_URL, name: 'crash-worker' });
const worker = new JobWorker<unknown>(jetstream(nc), { prefix: PREFIX, logger: pino({ level: 'silent' }) });
await worker.start({
  stream: STREAM,
  consumer: CONSUMER,
  validate: (input) => input,
  handler: ({ streamSequence, deliveryCount }) => {
    process.stdout.write(`${JSON.stringify({ event: 'started', streamSequence, deliveryCount })}\n`);
    return new Promise<void>(() => undefined);
  },
});
process.stdout.write(`${JSON.stringify({ event: 'ready' })}\n`);
