/**
 * Test helpers for integration specs against the real NATS server: a unique prefix (hence unique streams)
 * per context, polling with a deadline instead of sleeping, and reading a stream's stored messages.
 */
import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { deleteJobStreams, ensureJobStreams, type JobTopology } from '../topology/job-streams.topology';
import type { JobTopologyOptions } from '../topology/job-topology.options';
import { pollUntil as sharedPollUntil } from '@shipyard/shared/test-utils';

export interface JetStreamTestContext {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  prefix: string;
  topology: JobTopology;
  /** Deletes the context's streams and drains its connection. */
  cleanup(): Promise<void>;
}

export const natsUrl = (): string => process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** Logs only errors, so a failing test shows why without drowning passing ones. */
export const testLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export async function createJetStreamTestContext(
  options: Omit<JobTopologyOptions, 'prefix'> = {},
): Promise<JetStreamTestContext> {
  const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 12)}.`;
  const nc = await connect({ servers: natsUrl(), name: `jetstream-test-${prefix}` });
  const jsm = await jetstreamManager(nc);
  const topology = await ensureJobStreams(jsm, { prefix, ...options });
  return {
    nc,
    js: jetstream(nc),
    jsm,
    prefix,
    topology,
    cleanup: async () => {
      await deleteJobStreams(jsm, { prefix });
      await nc.drain();
    },
  };
}

/** The shared poll loop, with this lib's specs' argument order (what is awaited first). */
export function pollUntil<T>(
  description: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
  intervalMs = 20,
): Promise<Exclude<T, undefined | null | false>> {
  return sharedPollUntil(probe, { timeoutMs, intervalMs, description });
}

export async function streamMessageCount(jsm: JetStreamManager, stream: string): Promise<number> {
  return (await jsm.streams.info(stream)).state.messages;
}

/** Every message still stored in `stream`, parsed as JSON, with its subject. */
export async function readStream<T = unknown>(
  jsm: JetStreamManager,
  stream: string,
): Promise<Array<{ subject: string; seq: number; data: T; headers: Record<string, string> }>> {
  const { state } = await jsm.streams.info(stream);
  const out: Array<{ subject: string; seq: number; data: T; headers: Record<string, string> }> = [];
  if (state.messages === 0) return out;
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const stored = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (!stored) continue;
    const headers: Record<string, string> = {};
    if (stored.header) for (const key of stored.header.keys()) headers[key] = stored.header.get(key);
    out.push({ subject: stored.subject, seq: stored.seq, data: stored.json<T>(), headers });
  }
  return out;
}

/** A promise with its resolver, for gating handlers from the test. */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
