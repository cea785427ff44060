import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import {
  DEAD_LETTERS_CONSUMER,
  RESULTS_CONSUMER,
  deadLetterStreamSubjects,
  jobConsumerName,
  jobStreamNames,
  jobStreamSubjects,
  prefixedJobSubject,
  resultStreamSubjects,
  type JobStreamNames,
} from '../naming/jetstream.naming';
import { resolveJobTopologyOptions, type JobTopologyOptions } from './job-topology.options';

/** What ensureJobStreams set up: the names every publisher, worker and consumer needs. */
export interface JobTopology {
  prefix: string;
  streams: JobStreamNames;
  consumers: {
    /** Job consumer name per role. */
    jobs: Record<string, string>;
    results: string;
    deadLetters: string;
  };
  ackWaitMs: number;
  /** Handler attempts per message; the consumers allow one more delivery, reserved for dead-lettering. */
  maxAttempts: number;
}

/** JetStream API error code for "stream name already in use" (a concurrent create won the race). */
const STREAM_NAME_IN_USE = 10058;

type StreamSpec = Partial<StreamConfig> & { name: string; subjects: string[] };

/**
 * Creates or updates, idempotently, the three streams and their durable pull consumers:
 *
 * - jobs: work-queue retention (an acked job is deleted), one consumer per role with a disjoint filter.
 * - results: work-queue too, one consumer. Why not limits + durable consumer: PostgreSQL is the record of
 *   what a result did; keeping a second copy in JetStream would only cost disk, and the work-queue rule
 *   "one consumer per subject" makes the server refuse a second, accidental results consumer that would
 *   apply every result twice.
 * - dead letters: limits retention with a max age, so dead letters stay for inspection after the
 *   orchestrator's consumer has acked them (it fails the task with the reason).
 *
 * File storage and a Nats-Msg-Id duplicate window on all three. Consumers: explicit acks, AckWait, and
 * `max_deliver = maxAttempts + 1`: the extra delivery only happens when the last attempt never answered
 * (its worker died), and the worker uses it to dead-letter the message instead of leaving it in the work
 * queue forever, which is what the server does with a message that reached MaxDeliver.
 */
export async function ensureJobStreams(
  jsm: JetStreamManager,
  options: JobTopologyOptions,
): Promise<JobTopology> {
  const o = resolveJobTopologyOptions(options);
  const streams = jobStreamNames(o.prefix);
  const common: Partial<StreamConfig> = {
    storage: StorageType.File,
    num_replicas: o.replicas,
    duplicate_window: nanos(o.duplicateWindowMs),
  };
  await ensureStream(jsm, {
    ...common,
    name: streams.jobs,
    subjects: [jobStreamSubjects(o.prefix)],
    retention: RetentionPolicy.Workqueue,
    discard: DiscardPolicy.New,
    description: 'Shipyard agent jobs (work queue: acked jobs are deleted)',
  });
  await ensureStream(jsm, {
    ...common,
    name: streams.results,
    subjects: [resultStreamSubjects(o.prefix)],
    retention: RetentionPolicy.Workqueue,
    discard: DiscardPolicy.New,
    description: 'Shipyard agent results (work queue, one orchestrator consumer)',
  });
  await ensureStream(jsm, {
    ...common,
    name: streams.deadLetters,
    subjects: [deadLetterStreamSubjects(o.prefix)],
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(o.deadLetterMaxAgeMs),
    // The dedup window may not exceed the max age.
    duplicate_window: nanos(Math.min(o.duplicateWindowMs, o.deadLetterMaxAgeMs)),
    description: 'Shipyard dead letters: jobs and results given up on, kept for inspection',
  });

  // No server-side `backoff` list, on purpose: nats-server 2.9 measures a nak(delay) from the plain AckWait
  // but the expiry from backoff[deliveryCount - 1], so with backoff [1s, 2s, 4s] a nak(20 ms) on the second
  // delivery came back after 1022 ms (measured). Retries back off on the client instead (nak with an
  // exponential delay, see retryDelayMs); a lost delivery comes back after one AckWait.
  const consumerBase: Partial<ConsumerConfig> = {
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    ack_wait: nanos(o.ackWaitMs),
    max_deliver: o.maxAttempts + 1,
  };
  const jobConsumers: Record<string, string> = {};
  for (const role of o.roles) {
    const name = jobConsumerName(role);
    jobConsumers[role] = name;
    await ensureConsumer(jsm, streams.jobs, {
      ...consumerBase,
      durable_name: name,
      filter_subject: prefixedJobSubject(o.prefix, role),
      description: `jobs for role ${role}`,
    });
  }
  await ensureConsumer(jsm, streams.results, {
    ...consumerBase,
    durable_name: RESULTS_CONSUMER,
    filter_subject: resultStreamSubjects(o.prefix),
    description: 'agent results for the orchestrator',
  });
  await ensureConsumer(jsm, streams.deadLetters, {
    ...consumerBase,
    durable_name: DEAD_LETTERS_CONSUMER,
    description: 'dead letters, for failing the tasks they belong to',
  });
  return {
    prefix: o.prefix,
    streams,
    consumers: { jobs: jobConsumers, results: RESULTS_CONSUMER, deadLetters: DEAD_LETTERS_CONSUMER },
    ackWaitMs: o.ackWaitMs,
    maxAttempts: o.maxAttempts,
  };
}

/** Deletes the three streams of `prefix` (and with them their consumers). For test cleanup; idempotent. */
export async function deleteJobStreams(jsm: JetStreamManager, options: { prefix: string }): Promise<void> {
  const streams = jobStreamNames(options.prefix);
  for (const name of [streams.jobs, streams.results, streams.deadLetters]) {
    try {
      await jsm.streams.delete(name);
    } catch (error) {
      if (!isNotFound(error, JetStreamApiCodes.StreamNotFound)) throw error;
    }
  }
}

async function ensureStream(jsm: JetStreamManager, spec: StreamSpec): Promise<void> {
  try {
    await jsm.streams.info(spec.name);
  } catch (error) {
    if (!isNotFound(error, JetStreamApiCodes.StreamNotFound)) throw error;
    try {
      await jsm.streams.add(spec);
      return;
    } catch (addError) {
      // Another process created it between our info and add: fall through to the update.
      if (!(addError instanceof JetStreamApiError) || addError.code !== STREAM_NAME_IN_USE) throw addError;
    }
  }
  const { name, retention: _retention, storage: _storage, ...updatable } = spec;
  await jsm.streams.update(name, updatable);
}

async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: Partial<ConsumerConfig> & { durable_name: string },
): Promise<void> {
  try {
    await jsm.consumers.info(stream, config.durable_name);
  } catch (error) {
    if (!isNotFound(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    await jsm.consumers.add(stream, config);
    return;
  }
  const { ack_policy: _a, deliver_policy: _d, replay_policy: _r, durable_name, ...updatable } = config;
  await jsm.consumers.update(stream, durable_name, updatable);
}

function isNotFound(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}
