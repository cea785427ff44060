import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, VerifyApiKey } from '@shipyard/contracts';
import { NatsRpcClient } from '@shipyard/shared/messaging';
import type { GatewayRequest } from '../http/gateway-request';
import { ApiKeyCache, type CachedKey } from './api-key-cache';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { parseBearerToken } from './bearer-token';
import { IS_PUBLIC } from './public.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * Global guard: every route needs `Authorization: Bearer <key>` unless marked @Public. project-service owns
 * the keys (hashed); the tenant it answers becomes `req.tenantId`, the only tenant a request can act for.
 * A key this replica verified lately is taken from the cache; any other key is looked up only while its
 * client address is under the limit of failed checks (AuthFailureLimiter), and a key found invalid counts.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(NatsRpcClient) private readonly rpc: Pick<NatsRpcClient, 'request'>,
    private readonly cache: ApiKeyCache,
    @Inject(AuthFailureLimiter)
    private readonly limiter: Pick<AuthFailureLimiter, 'blocked' | 'recordFailure'>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const req = context.switchToHttp().getRequest<GatewayRequest>();
    const apiKey = parseBearerToken(req.headers.authorization);
    if (!apiKey) throw new DomainError('UNAUTHENTICATED', 'Authorization header must be "Bearer <api key>"');
    req.tenantId = (this.cache.get(apiKey) ?? (await this.verifyLimited(apiKey, clientOf(req)))).tenantId;
    return true;
  }

  private async verifyLimited(apiKey: string, client: string): Promise<CachedKey> {
    const block = await this.limiter.blocked(client);
    if (block) {
      throw new DomainError('RATE_LIMITED', 'Too many failed API key checks from this address; retry later', {
        retryAfterSeconds: block.retryAfterSeconds,
      });
    }
    try {
      return await this.verify(apiKey);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'UNAUTHENTICATED')
        await this.limiter.recordFailure(client);
      throw error;
    }
  }

  private async verify(apiKey: string): Promise<CachedKey> {
    let reply: VerifyApiKey.Reply;
    try {
      reply = await this.rpc.request<VerifyApiKey.Reply>(VerifyApiKey.Subject, {
        apiKey,
      } satisfies VerifyApiKey.Request);
    } catch (error) {
      // An outage must not look like a bad key (clients would discard a good one): only "no such key" is 401.
      if (error instanceof DomainError && (error.code === 'SERVICE_UNAVAILABLE' || error.code === 'INTERNAL'))
        throw error;
      throw new DomainError('UNAUTHENTICATED', 'Invalid API key');
    }
    if (typeof reply?.tenantId !== 'string' || !UUID.test(reply.tenantId)) {
      // Fail closed: a malformed answer must never let a request through with a bogus tenant.
      throw new Error('auth.v1.verify-key answered without a valid tenantId');
    }
    const verified = { tenantId: reply.tenantId, keyId: String(reply.keyId) };
    this.cache.set(apiKey, verified);
    return verified;
  }
}

/** The address failed checks are counted by; Express sets `ip` (TRUST_PROXY_HOPS decides from what). */
function clientOf(req: GatewayRequest): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}
