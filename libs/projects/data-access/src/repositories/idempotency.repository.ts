import type { EntityManager } from 'typeorm';
import { IDEMPOTENCY_KEY_TTL_HOURS } from '@shipyard/contracts';

export interface IdempotencyClaim {
  tenantId: string;
  key: string;
  /** The subject of the create, so one key cannot answer two different kinds of request. */
  operation: string;
  fingerprint: string;
}

export type ClaimOutcome =
  { kind: 'claimed' } | { kind: 'replay'; operation: string; fingerprint: string; reply: unknown };

/** The `idempotency_keys` table: raw SQL because every statement here is one round trip by design. */
export class IdempotencyRepository {
  constructor(private readonly db: EntityManager) {}

  /**
   * Takes the key inside the caller's transaction. A concurrent request with the same key waits here on the
   * primary key until the first one commits (then it replays that answer) or rolls back (then it proceeds).
   */
  async claim(claim: IdempotencyClaim): Promise<ClaimOutcome> {
    const inserted = await this.db.query<unknown[]>(
      `INSERT INTO idempotency_keys (tenant_id, key, operation, fingerprint) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, key) DO NOTHING RETURNING 1`,
      [claim.tenantId, claim.key, claim.operation, claim.fingerprint],
    );
    if (inserted.length > 0) return { kind: 'claimed' };
    const [row] = await this.db.query<{ operation: string; fingerprint: string; reply: unknown }[]>(
      `SELECT operation, fingerprint, reply FROM idempotency_keys WHERE tenant_id = $1 AND key = $2`,
      [claim.tenantId, claim.key],
    );
    if (!row) throw new Error('idempotency key vanished between insert and select');
    return { kind: 'replay', ...row };
  }

  async complete(tenantId: string, key: string, reply: unknown): Promise<void> {
    await this.db.query(`UPDATE idempotency_keys SET reply = $3 WHERE tenant_id = $1 AND key = $2`, [
      tenantId,
      key,
      JSON.stringify(reply),
    ]);
  }

  /** Forgets keys older than their time to live; returns how many. */
  async deleteExpired(): Promise<number> {
    // TypeORM answers a DELETE on PostgreSQL with [rows, affectedCount].
    const [, count] = await this.db.query<[unknown, number]>(
      `DELETE FROM idempotency_keys WHERE created_at < clock_timestamp() - make_interval(hours => $1)`,
      [IDEMPOTENCY_KEY_TTL_HOURS],
    );
    return count;
  }
}
