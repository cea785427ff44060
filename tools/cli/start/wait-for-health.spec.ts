import type { ServiceName } from '@shipyard/contracts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answering, anyOf, httpHealthProbe, waitForHealth, type HealthProbe } from './wait-for-health';

/** A probe whose services start answering after a given number of attempts (never, if absent). */
function scriptedProbe(attemptsUntilUp: Partial<Record<ServiceName, number>>): {
  probe: HealthProbe;
  calls: Map<ServiceName, number>;
} {
  const calls = new Map<ServiceName, number>();
  const probe: HealthProbe = (name) => {
    const n = (calls.get(name) ?? 0) + 1;
    calls.set(name, n);
    const needed = attemptsUntilUp[name];
    return Promise.resolve(needed !== undefined && n >= needed);
  };
  return { probe, calls };
}

describe('answering', () => {
  it('lists the services that answer now', async () => {
    const { probe } = scriptedProbe({ 'agent-pm': 1 });
    expect(await answering(probe, ['agent-pm', 'agent-qa'])).toEqual(['agent-pm']);
  });
});

describe('waitForHealth', () => {
  it('returns nothing pending once every service has answered, and stops probing those that did', async () => {
    const { probe, calls } = scriptedProbe({ 'agent-pm': 1, 'agent-qa': 3 });
    const healthy: ServiceName[] = [];
    const pending = await waitForHealth(probe, ['agent-pm', 'agent-qa'], {
      deadline: Date.now() + 5000,
      intervalMs: 1,
      onHealthy: (name) => healthy.push(name),
    });
    expect(pending).toEqual([]);
    expect(healthy).toEqual(['agent-pm', 'agent-qa']);
    expect(calls.get('agent-pm')).toBe(1);
    expect(calls.get('agent-qa')).toBe(3);
  });

  it('returns the silent services when the deadline passes', async () => {
    const { probe } = scriptedProbe({ 'agent-pm': 1 });
    const pending = await waitForHealth(probe, ['agent-pm', 'agent-qa'], {
      deadline: Date.now() + 30,
      intervalMs: 1,
    });
    expect(pending).toEqual(['agent-qa']);
  });

  it('stops early when aborted', async () => {
    const { probe, calls } = scriptedProbe({});
    const abort = new AbortController();
    abort.abort();
    const pending = await waitForHealth(probe, ['agent-docs'], {
      deadline: Date.now() + 60_000,
      signal: abort.signal,
    });
    expect(pending).toEqual(['agent-docs']);
    expect(calls.get('agent-docs')).toBe(1);
  });
});

describe('anyOf', () => {
  it('says yes at the first probe that does, without asking the rest', async () => {
    const second = scriptedProbe({ 'agent-pm': 1 });
    const third = scriptedProbe({ 'agent-pm': 1 });
    const probe = anyOf(scriptedProbe({}).probe, second.probe, third.probe);
    expect(await probe('agent-pm')).toBe(true);
    expect(third.calls.size).toBe(0);
    expect(await probe('agent-qa')).toBe(false);
  });
});

describe('httpHealthProbe (real HTTP server on loopback)', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/ready' ? 200 : 503;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('is yes for a 2xx, no for an error status, no where nothing listens or no URL is known', async () => {
    const urls: Partial<Record<ServiceName, string>> = {
      gateway: `${base}/ready`,
      'project-service': `${base}/unready`,
      'agent-qa': 'http://127.0.0.1:1/health/ready',
    };
    const probe = httpHealthProbe((name) => urls[name]);
    expect(await probe('gateway')).toBe(true);
    expect(await probe('project-service')).toBe(false);
    expect(await probe('agent-qa')).toBe(false);
    expect(await probe('agent-pm')).toBe(false);
  });
});
