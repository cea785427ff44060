/**
 * Integration-spec harness: a prefix (hence streams and a result bucket) of the spec's own on the real
 * NATS server, agent runtimes started on it, and readers for what landed on the result and dead-letter
 * subjects. Everything is deleted by cleanup().
 */
import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  AgentResult,
  jobSubject,
  validateContract,
  type AgentJob,
  type AgentRole,
} from '@shipyard/contracts';
import {
  deleteJobStreams,
  ensureJobStreams,
  jobStreamNames,
  JobPublisher,
  type DeadLetterEnvelope,
  type JobStreamNames,
} from '@shipyard/shared/jetstream';
import { pollUntil } from '@shipyard/shared/test-utils';
import type { AgentJobHandler } from '../handlers/agent-job.handler';
import { deleteResultBucket } from '../results/kv-result.store';
import { AgentRuntime, type AgentRuntimeOptions } from '../runtime/agent.runtime';
import { agentTestConfig } from './agent-test.config';

export interface StoredMessage<T> {
  subject: string;
  seq: number;
  data: T;
  headers: Record<string, string>;
}

export class AgentRuntimeHarness {
  readonly streams: JobStreamNames;
  private readonly runtimes: AgentRuntime[] = [];
  private readonly publisher: JobPublisher;

  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly prefix: string,
  ) {
    this.streams = jobStreamNames(prefix);
    this.publisher = new JobPublisher(js, { prefix });
  }

  static async create(): Promise<AgentRuntimeHarness> {
    // A prefix of the spec's own: its streams and result bucket are named after it. Same `t<12 hex>.` shape
    // as testNatsPrefix (which this infra lib may not import): global setup deletes stale leftovers by it.
    const prefix = `t${randomUUID().replaceAll('-', '').slice(0, 12)}.`;
    const nc = await connect({
      servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      name: `agent-spec-${prefix}`,
    });
    return new AgentRuntimeHarness(nc, jetstream(nc), await jetstreamManager(nc), prefix);
  }

  /** Environment for a child agent process on this harness's prefix. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      NATS_SUBJECT_PREFIX: this.prefix,
      ...overrides,
    };
  }

  /** Creates the job streams as an agent would, before any agent runs (so jobs can be published first). */
  async ensureTopology(role: AgentRole, ackWaitMs: number, maxAttempts: number): Promise<void> {
    await ensureJobStreams(this.jsm, { prefix: this.prefix, roles: [role], ackWaitMs, maxAttempts });
  }

  /** Starts an agent runtime on this prefix; cleanup() stops it. */
  async startRuntime(
    options: { role: AgentRole; handlers: readonly AgentJobHandler[]; env?: Record<string, string> } & Pick<
      AgentRuntimeOptions,
      'modelFor' | 'hooks' | 'retryBackoff' | 'resultStore' | 'prices'
    >,
  ): Promise<AgentRuntime> {
    const runtime = new AgentRuntime({
      role: options.role,
      handlers: options.handlers,
      config: agentTestConfig(this.prefix, options.env),
      ...(options.modelFor ? { modelFor: options.modelFor } : {}),
      ...(options.hooks ? { hooks: options.hooks } : {}),
      ...(options.retryBackoff ? { retryBackoff: options.retryBackoff } : {}),
      ...(options.resultStore ? { resultStore: options.resultStore } : {}),
      ...(options.prices ? { prices: options.prices } : {}),
    });
    this.runtimes.push(runtime);
    await runtime.start();
    return runtime;
  }

  /** Publishes a job as the orchestrator does (Nats-Msg-Id = jobId unless another msg id is given). */
  async publishJob(job: AgentJob, msgId: string = job.jobId): Promise<void> {
    await this.publisher.publish(jobSubject(job.role), job, msgId);
  }

  /** Every result stored on the results stream for `jobId`, validated against the contract. */
  async resultsOf(jobId: string): Promise<Array<StoredMessage<AgentResult>>> {
    const all = await this.read<unknown>(this.streams.results);
    return all
      .map((m) => ({ ...m, data: validateContract(AgentResult, m.data) }))
      .filter((m) => m.data.jobId === jobId);
  }

  /** Waits until a result for `jobId` is on the results stream, and returns the first. */
  firstResult(jobId: string, timeoutMs: number): Promise<StoredMessage<AgentResult>> {
    return pollUntil(async () => (await this.resultsOf(jobId))[0], {
      timeoutMs,
      description: `the result of ${jobId}`,
    });
  }

  /** Every dead letter stored for `jobId`. */
  async deadLettersOf(jobId: string): Promise<Array<StoredMessage<DeadLetterEnvelope>>> {
    const all = await this.read<DeadLetterEnvelope>(this.streams.deadLetters);
    return all.filter((m) => (m.data.payload as { jobId?: string } | undefined)?.jobId === jobId);
  }

  /** Waits until a dead letter for `jobId` is stored, and returns the first. */
  firstDeadLetter(jobId: string, timeoutMs: number): Promise<StoredMessage<DeadLetterEnvelope>> {
    return pollUntil(async () => (await this.deadLettersOf(jobId))[0], {
      timeoutMs,
      description: `the dead letter of ${jobId}`,
    });
  }

  /**
   * Counts every publish on `subject` (unprefixed) as core NATS sees it, duplicates included: JetStream
   * stores a re-published result once, so only a plain subscriber can tell that it was sent again.
   */
  watchPublishes(subject: string): { count: () => number; bodies: () => string[]; stop: () => void } {
    const bodies: string[] = [];
    const sub = this.nc.subscribe(`${this.prefix}${subject}`, {
      callback: (_error, msg) => {
        bodies.push(msg.string());
      },
    });
    return { count: () => bodies.length, bodies: () => [...bodies], stop: () => sub.unsubscribe() };
  }

  /** Messages still in the jobs work queue (an acked job is deleted). */
  async pendingJobs(): Promise<number> {
    return (await this.jsm.streams.info(this.streams.jobs)).state.messages;
  }

  async cleanup(): Promise<void> {
    for (const runtime of this.runtimes) await runtime.stop().catch(() => undefined);
    await deleteJobStreams(this.jsm, { prefix: this.prefix });
    await deleteResultBucket(this.jsm, this.prefix);
    await this.nc.drain();
  }

  private async read<T>(stream: string): Promise<Array<StoredMessage<T>>> {
    let state;
    try {
      ({ state } = await this.jsm.streams.info(stream));
    } catch {
      return [];
    }
    const out: Array<StoredMessage<T>> = [];
    if (state.messages === 0) return out;
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      const stored = await this.jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (!stored) continue;
      const headers: Record<string, string> = {};
      if (stored.header) for (const key of stored.header.keys()) headers[key] = stored.header.get(key);
      out.push({ subject: stored.subject, seq: stored.seq, data: stored.json<T>(), headers });
    }
    return out;
  }
}
