import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { TenantEntity } from '../entities/tenant.entity';
import { insertRow } from './insert-row';

export interface StoredKey {
  id: string;
  tenantId: string;
  keyHash: Buffer;
}

/** Tenants and their API keys. Only a key's hash and display prefix are ever written. */
export class ApiKeyRepository {
  constructor(private readonly db: EntityManager) {}

  async createTenant(name: string): Promise<{ id: string; name: string }> {
    const row = await insertRow(this.db.getRepository(TenantEntity), { id: randomUUID(), name });
    return { id: row.id, name: row.name };
  }

  async createKey(tenantId: string, keyPrefix: string, keyHash: Buffer): Promise<{ id: string }> {
    const row = await insertRow(this.db.getRepository(ApiKeyEntity), {
      id: randomUUID(),
      tenantId,
      keyPrefix,
      keyHash,
      revokedAt: null,
    });
    return { id: row.id };
  }

  /**
   * Live keys that start like the presented one. The one query not scoped by tenant: finding the tenant
   * is what it is for. The caller compares hashes in constant time.
   */
  async findActiveByPrefix(keyPrefix: string): Promise<StoredKey[]> {
    const rows = await this.db.getRepository(ApiKeyEntity).find({
      select: { id: true, tenantId: true, keyHash: true },
      where: { keyPrefix, revokedAt: IsNull() },
      take: 20,
    });
    return rows.map((r) => ({ id: r.id, tenantId: r.tenantId, keyHash: r.keyHash }));
  }
}
