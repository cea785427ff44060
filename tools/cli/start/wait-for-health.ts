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

/**
 * Asks a service's HTTP /health/ready. The gateway is an HTTP edge whose readiness is what a user meets, and
 * it may not subscribe to its NATS health subject, so for it an HTTP answer counts too.
 */
export function httpHealthProbe(
  urlOf: (name: ServiceName) => string | undefined,
  attemptTimeoutMs = 500,
): HealthProbe {
  return async (name) => {
    const url = urlOf(name);
    if (!url) return false;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(attemptTimeoutMs) });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  };
}

/** A service is up when any of the probes says so (tried in order, stopping at the first yes). */
export function anyOf(...probes: HealthProbe[]): HealthProbe {
  return async (name) => {
    for (const probe of probes) if (await probe(name)) return true;
    return false;
  };
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
