/**
 * Real: the built gateway started as a process, NATS. Faked: nothing; no project-service is needed to see
 * how the process starts and stops. Checks issue 2 item 5 (a bad environment stops the service naming
 * every bad variable) and a clean stop on SIGTERM and SIGINT.
 */
import { pollUntil, testNatsPrefix } from '@shipyard/shared/testing';
import { join } from 'node:path';
import { freePort } from '@shipyard/shared/test-utils';
import { privateDist, type PrivateDist } from './support/private-dist';
import { ServiceProcess } from './support/service-process';

describe('gateway process start and stop', () => {
  let dist: PrivateDist;
  const started: ServiceProcess[] = [];

  function gateway(env: Record<string, string>): ServiceProcess {
    const service = new ServiceProcess('gateway', join(dist.dir, 'apps/gateway/src/main.js'), {
      NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      NATS_SUBJECT_PREFIX: testNatsPrefix(),
      LOG_LEVEL: 'info',
      ...env,
    });
    started.push(service);
    service.start();
    return service;
  }

  beforeAll(async () => {
    dist = await privateDist();
  });

  afterAll(async () => {
    await Promise.allSettled(started.map((service) => service.stop()));
    await dist?.remove();
  });

  it('refuses a bad environment with exit code 1, naming every bad variable', async () => {
    const service = gateway({
      GATEWAY_PORT: 'eighty',
      BODY_LIMIT_BYTES: '12',
      REDIS_URL: 'http://nope',
      LOG_LEVEL: 'loud',
    });
    expect(await service.exited()).toEqual({ code: 1, signal: null });
    for (const name of ['GATEWAY_PORT', 'BODY_LIMIT_BYTES', 'REDIS_URL', 'LOG_LEVEL']) {
      expect(service.recentOutput).toContain(name);
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('says it is ready, then stops cleanly on %s', async (signal) => {
    const port = await freePort();
    const service = gateway({ GATEWAY_PORT: String(port) });
    await pollUntil(() => service.recentOutput.includes('gateway ready'), { timeoutMs: 30_000 });
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);

    service.signal(signal);
    expect(await service.exited()).toEqual({ code: 0, signal: null });
    expect(service.recentOutput).toContain('gateway stopped');
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  });
});
