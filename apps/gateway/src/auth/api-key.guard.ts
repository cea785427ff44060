import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, VerifyApiKey } from '@shipyard/contracts';
import { NatsRpcClient } from '@shipyard/shared/messaging';
import type { GatewayRequest } from '../http/gateway-request';
import { ApiKeyCache } from './api-key-cache';
import { parseBearerToken } from './bearer-token';
import { IS_PUBLIC } from './public.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * Global guard: every route needs `Authorization: Bearer <key>` unless marked @Public. project-service owns
 * the keys (hashed); the tenant it answers becomes `req.tenantId`, the only tenant a request can act for.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(NatsRpcClient) private readonly rpc: Pick<NatsRpcClient, 'request'>,
    private readonly cache: ApiKeyCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const req = context.switchToHttp().getRequest<GatewayRequest>();
    const apiKey = parseBearerToken(req.headers.authorization);
    if (!apiKey) throw new DomainError('UNAUTHENTICATED', 'Authorization header must be "Bearer <api key>"');
    req.tenantId = (this.cache.get(apiKey) ?? (await this.verify(apiKey))).tenantId;
    return true;
  }

  private async verify(apiKey: string): Promise<VerifyApiKey.Reply> {
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
