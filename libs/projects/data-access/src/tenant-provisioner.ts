import { DomainError } from '@shipyard/contracts';
import { apiKeyPrefix, generateApiKey, hashApiKey } from '@shipyard/projects/domain';
import type { ProjectsStore } from './projects-store';

export interface ProvisionedTenant {
  tenantId: string;
  name: string;
  keyId: string;
  /** The only time the key exists in clear; it is not stored. */
  apiKey: string;
}

/** Creates a tenant with its first API key, both or neither. Used by `npm run tenant:create` and by tests. */
export class TenantProvisioner {
  constructor(private readonly store: ProjectsStore) {}

  async provision(rawName: string): Promise<ProvisionedTenant> {
    const name = rawName.trim();
    if (name.length < 1 || name.length > 200 || hasControlCharacters(name)) {
      throw new DomainError('VALIDATION_FAILED', 'Tenant name is invalid', [
        { path: 'name', messages: ['must be 1 to 200 printable characters'] },
      ]);
    }
    const apiKey = generateApiKey();
    return this.store.transaction(async ({ apiKeys }) => {
      const tenant = await apiKeys.createTenant(name);
      const key = await apiKeys.createKey(tenant.id, apiKeyPrefix(apiKey), hashApiKey(apiKey));
      return { tenantId: tenant.id, name: tenant.name, keyId: key.id, apiKey };
    });
  }
}

/** Names end up in logs and terminals; control characters there can forge lines or escape sequences. */
function hasControlCharacters(text: string): boolean {
  return [...text].some((char) => {
    const code = char.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f;
  });
}
