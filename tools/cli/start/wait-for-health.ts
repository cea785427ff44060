import { setTimeout as delay } from 'node:timers/promises';
import { HealthCheck, type ServiceName } from '@shipyard/contracts';
import type { NatsRpcClient } from '@shipyard/shared/messaging';

/** Answers whether one service replies to its health subject right now. */
export type HealthProbe = (name: ServiceName) => Promise<boolean>;

/** A short timeout per attempt: a service that is still starting must not stall the others' checks. */
export function natsHealthProbe(client: NatsRpcClient, attemptTimeoutMs = 500): HealthProbe {
  return (name) =>
    client.request<HealthCheck.Reply>(HealthCheck.subjectFor(name), {}, attemptTimeoutMs).then(
      (reply) => reply.service === name,
      () => false,
    );
}

/** Which of these services answer now (one attempt each, in parallel). */
export async function answering(probe: HealthProbe, names: readonly ServiceName[]): Promise<ServiceName[]> {
  const results = await Promise.all(names.map(async (name) => ((await probe(name)) ? name : undefined)));
  return results.filter((name): name is ServiceName => name !== undefined);
}

export interface WaitOptions {
  deadline: number;
  intervalMs?: number;
  signal?: AbortSignal;
  onHealthy?: (name: ServiceName) => void;
}

/**
 * Polls until every service has answered once or the deadline passes; returns the ones that never did
 * (empty means all are up). Stops early, returning what is still pending, when the signal aborts.
 */
export async function waitForHealth(
  probe: HealthProbe,
  names: readonly ServiceName[],
  options: WaitOptions,
): Promise<ServiceName[]> {
  const pending = new Set(names);
  for (;;) {
    for (const name of await answering(probe, [...pending])) {
      pending.delete(name);
      options.onHealthy?.(name);
    }
    if (pending.size === 0 || Date.now() >= options.deadline || options.signal?.aborted) return [...pending];
    await delay(options.intervalMs ?? 250, undefined, { signal: options.signal }).catch(() => undefined);
  }
}
