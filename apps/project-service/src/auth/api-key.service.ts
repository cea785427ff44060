import { Injectable } from '@nestjs/common';
import { DomainError, VerifyApiKey } from '@shipyard/contracts';
import { ProjectsStore } from '@shipyard/projects/data-access';
import { apiKeyPrefix, hashApiKey, isWellFormedApiKey, sameKeyHash } from '@shipyard/projects/domain';

/** Which tenant an API key belongs to. Every failure looks the same to the caller: UNAUTHENTICATED. */
@Injectable()
export class ApiKeyService {
  constructor(private readonly store: ProjectsStore) {}

  async verify(req: VerifyApiKey.Request): Promise<VerifyApiKey.Reply> {
    if (!isWellFormedApiKey(req.apiKey)) throw unauthenticated();
    const hash = hashApiKey(req.apiKey);
    const candidates = await this.store.read.apiKeys.findActiveByPrefix(apiKeyPrefix(req.apiKey));
    // Compare with every candidate, not stopping at the first match, so timing does not depend on position.
    let match: { id: string; tenantId: string } | undefined;
    for (const candidate of candidates) {
      if (sameKeyHash(candidate.keyHash, hash)) match = candidate;
    }
    if (!match) throw unauthenticated();
    return { tenantId: match.tenantId, keyId: match.id };
  }
}

function unauthenticated(): DomainError {
  return new DomainError('UNAUTHENTICATED', 'Missing or invalid API key');
}
