import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, VerifyApiKey } from '@shipyard/contracts';
import type { GatewayRequest } from '../http/gateway-request';
import { ApiKeyCache } from './api-key-cache';
import { ApiKeyGuard } from './api-key.guard';
import type { AuthBlock } from './auth-failure-limiter';
import { Public } from './public.decorator';

const TENANT = '6f1c2f52-2f7c-4b8e-9d3a-0e6b5c1a2d4f';

class Routes {
  @Public()
  health(this: void): void {}
  create(this: void): void {}
}

/** Answers VerifyApiKey for one known key; counts calls so that caching is visible. */
class FakeRpc {
  calls = 0;
  constructor(private readonly answer: (apiKey: string) => Promise<unknown>) {}
  async request<T>(subject: string, payload: object): Promise<T> {
    expect(subject).toBe(VerifyApiKey.Subject);
    this.calls += 1;
    return (await this.answer((payload as VerifyApiKey.Request).apiKey)) as T;
  }
}

const knownKey = (apiKey: string): Promise<unknown> =>
  apiKey === 'good-key'
    ? Promise.resolve({ tenantId: TENANT, keyId: 'k1' })
    : Promise.reject(new DomainError('UNAUTHENTICATED', 'Invalid API key'));

function contextFor(
  handler: keyof Routes,
  authorization?: string,
): { context: ExecutionContext; req: GatewayRequest } {
  const req = {
    headers: authorization === undefined ? {} : { authorization },
    ip: '203.0.113.7',
  } as GatewayRequest;
  const context = {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return { context, req };
}

/** Counts failures per client and blocks from `max` on; the Redis-backed one has its own int-spec. */
class CountingLimiter {
  readonly failures = new Map<string, number>();
  constructor(private readonly max = Number.POSITIVE_INFINITY) {}
  blocked(client: string): Promise<AuthBlock | null> {
    return Promise.resolve((this.failures.get(client) ?? 0) >= this.max ? { retryAfterSeconds: 42 } : null);
  }
  recordFailure(client: string): Promise<void> {
    this.failures.set(client, (this.failures.get(client) ?? 0) + 1);
    return Promise.resolve();
  }
}

function guardWith(rpc: FakeRpc, ttlMs = 30_000, limiter = new CountingLimiter()): ApiKeyGuard {
  return new ApiKeyGuard(new Reflector(), rpc, new ApiKeyCache(ttlMs), limiter);
}

describe('ApiKeyGuard', () => {
  it('lets public routes through without a key or a lookup', async () => {
    const rpc = new FakeRpc(knownKey);
    await expect(guardWith(rpc).canActivate(contextFor('health').context)).resolves.toBe(true);
    expect(rpc.calls).toBe(0);
  });

  it.each([undefined, '', 'Basic abc', 'Bearer', 'Bearer a b'])(
    'refuses the header %j without a lookup',
    async (header) => {
      const rpc = new FakeRpc(knownKey);
      await expect(guardWith(rpc).canActivate(contextFor('create', header).context)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect(rpc.calls).toBe(0);
    },
  );

  it('sets the tenant that project-service answers for a known key', async () => {
    const { context, req } = contextFor('create', 'Bearer good-key');
    await expect(guardWith(new FakeRpc(knownKey)).canActivate(context)).resolves.toBe(true);
    expect(req.tenantId).toBe(TENANT);
  });

  it('refuses an unknown key with 401', async () => {
    await expect(
      guardWith(new FakeRpc(knownKey)).canActivate(contextFor('create', 'Bearer bad-key').context),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('reports an outage as itself, not as a bad key', async () => {
    const rpc = new FakeRpc(() =>
      Promise.reject(new DomainError('SERVICE_UNAVAILABLE', 'down', undefined, true)),
    );
    await expect(
      guardWith(rpc).canActivate(contextFor('create', 'Bearer good-key').context),
    ).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
  });

  it('fails closed on an answer without a valid tenant id', async () => {
    const rpc = new FakeRpc(() => Promise.resolve({ tenantId: 'not-a-uuid', keyId: 'k' }));
    const { context, req } = contextFor('create', 'Bearer good-key');
    await expect(guardWith(rpc).canActivate(context)).rejects.toThrow('without a valid tenantId');
    expect(req.tenantId).toBeUndefined();
  });

  it('asks once per key while the cache holds it, and every time without a cache', async () => {
    const cached = new FakeRpc(knownKey);
    const guard = guardWith(cached);
    for (let i = 0; i < 3; i += 1) await guard.canActivate(contextFor('create', 'Bearer good-key').context);
    expect(cached.calls).toBe(1);

    const uncached = new FakeRpc(knownKey);
    const noCache = guardWith(uncached, 0);
    for (let i = 0; i < 3; i += 1) await noCache.canActivate(contextFor('create', 'Bearer good-key').context);
    expect(uncached.calls).toBe(3);
  });

  it('does not cache failures', async () => {
    const rpc = new FakeRpc(knownKey);
    const guard = guardWith(rpc);
    for (let i = 0; i < 2; i += 1) {
      await expect(guard.canActivate(contextFor('create', 'Bearer bad-key').context)).rejects.toBeDefined();
    }
    expect(rpc.calls).toBe(2);
  });

  it('counts each unknown key against the client address, and not outages or good keys', async () => {
    const limiter = new CountingLimiter();
    await expect(
      guardWith(new FakeRpc(knownKey), 30_000, limiter).canActivate(
        contextFor('create', 'Bearer bad-key').context,
      ),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await guardWith(new FakeRpc(knownKey), 30_000, limiter).canActivate(
      contextFor('create', 'Bearer good-key').context,
    );
    const down = new FakeRpc(() =>
      Promise.reject(new DomainError('SERVICE_UNAVAILABLE', 'down', undefined, true)),
    );
    await expect(
      guardWith(down, 30_000, limiter).canActivate(contextFor('create', 'Bearer other-key').context),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect([...limiter.failures]).toEqual([['203.0.113.7', 1]]);
  });

  it('answers a client over the limit with RATE_LIMITED before any lookup, but still takes a cached key', async () => {
    const rpc = new FakeRpc(knownKey);
    const limiter = new CountingLimiter(2);
    const guard = guardWith(rpc, 30_000, limiter);
    await guard.canActivate(contextFor('create', 'Bearer good-key').context);
    for (let i = 0; i < 2; i += 1) {
      await expect(guard.canActivate(contextFor('create', 'Bearer bad-key').context)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    }
    const callsBefore = rpc.calls;
    await expect(guard.canActivate(contextFor('create', 'Bearer bad-key').context)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 42 },
    });
    expect(rpc.calls).toBe(callsBefore);
    await expect(guard.canActivate(contextFor('create', 'Bearer good-key').context)).resolves.toBe(true);
  });
});
