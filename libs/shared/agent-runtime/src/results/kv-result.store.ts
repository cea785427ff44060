import {
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { AgentResult, AgentUsage, DomainError, validateContract } from '@shipyard/contracts';
import type { ResultStore } from './result-store.port';
import { resultBucketName, resultKey, spentKey, spentKeys } from './result-store.naming';

export interface KvResultStoreOptions {
  /** NATS_SUBJECT_PREFIX; picks the bucket. */
  prefix: string;
  /** How long a result is kept (the bucket's max age). */
  ttlMs: number;
}

/**
 * Results in a JetStream KV bucket (file storage, one revision per key, entries expire after the TTL).
 * `putIfAbsent` is KV `create`, which the server refuses when the key exists: that compare-and-set is what
 * lets two workers racing on one job agree on a single result.
 */
export class KvResultStore implements ResultStore {
  private constructor(private readonly kv: KV) {}

  /** Creates the bucket, or opens it when it exists (every agent instance does this at start). */
  static async open(js: JetStreamClient, options: KvResultStoreOptions): Promise<KvResultStore> {
    if (!Number.isInteger(options.ttlMs) || options.ttlMs < 1000) {
      throw new DomainError('VALIDATION_FAILED', 'ttlMs must be an integer >= 1000', [
        { path: 'ttlMs', messages: ['must be an integer >= 1000'] },
      ]);
    }
    const kv = await new Kvm(js).create(resultBucketName(options.prefix), {
      history: 1,
      ttl: options.ttlMs,
      description: 'Shipyard agent results by jobId, re-published on redelivery instead of redoing the job',
    });
    return new KvResultStore(kv);
  }

  async get(jobId: string): Promise<AgentResult | null> {
    const entry = await this.withUnavailable('read', () => this.kv.get(resultKey(jobId)));
    if (!entry || entry.operation !== 'PUT') return null;
    // What we stored was validated before; validating again protects against a bucket someone else wrote.
    return validateContract(AgentResult, entry.json<unknown>());
  }

  async putIfAbsent(result: AgentResult): Promise<AgentResult> {
    const key = resultKey(result.jobId);
    try {
      await this.kv.create(key, JSON.stringify(result));
      return result;
    } catch (createError) {
      const existing = await this.get(result.jobId);
      if (existing) return existing;
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        'Could not store the agent result',
        { jobId: result.jobId, cause: message(createError) },
        true,
      );
    }
  }

  async recordSpent(jobId: string, deliveryCount: number, usage: readonly AgentUsage[]): Promise<void> {
    if (usage.length === 0) return;
    const key = spentKey(jobId, deliveryCount);
    try {
      await this.kv.create(key, JSON.stringify(usage));
    } catch (error) {
      // Already recorded by this delivery (a retried record): the first write stands.
      if ((await this.withUnavailable('read', () => this.kv.get(key)))?.operation === 'PUT') return;
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        'Could not record spent usage',
        { jobId, cause: message(error) },
        true,
      );
    }
  }

  async spentBefore(jobId: string): Promise<AgentUsage[]> {
    const keys = await this.withUnavailable('list', async () => {
      const found: string[] = [];
      for await (const key of await this.kv.keys(spentKeys(jobId))) found.push(key);
      return found;
    });
    const delivery = (key: string): number => Number(key.slice(key.lastIndexOf('.') + 1));
    const usage: AgentUsage[] = [];
    for (const key of keys.sort((a, b) => delivery(a) - delivery(b))) {
      const entry = await this.withUnavailable('read', () => this.kv.get(key));
      if (!entry || entry.operation !== 'PUT') continue;
      const items = entry.json<unknown>();
      if (!Array.isArray(items)) continue;
      usage.push(...items.map((item) => validateContract(AgentUsage, item)));
    }
    return usage;
  }

  /** A KV outage is transient: the job is retried later rather than failed. */
  private async withUnavailable<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        `Could not ${what} the result store`,
        { cause: message(error) },
        true,
      );
    }
  }
}

/**
 * Deletes the result bucket of `prefix` (idempotent). For test cleanup: a spec that starts agent services
 * on its own prefix deletes their bucket beside their streams (`deleteJobStreams`), or it stays behind.
 */
export async function deleteResultBucket(jsm: JetStreamManager, prefix: string): Promise<void> {
  try {
    await jsm.streams.delete(`KV_${resultBucketName(prefix)}`);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
