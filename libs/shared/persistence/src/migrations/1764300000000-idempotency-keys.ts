import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Remembers the answer to each create made with an `Idempotency-Key`, per tenant, so a client's retry gets
 * the first answer back instead of a second resource. `fingerprint` is a hash of the request, so the same
 * key reused for a different request is refused rather than silently answered with the wrong resource.
 * Rows older than a day are deleted by project-service.
 */
export class IdempotencyKeys1764300000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        key text NOT NULL,
        operation text NOT NULL,
        fingerprint text NOT NULL,
        reply jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT idempotency_keys_pk PRIMARY KEY (tenant_id, key)
      )`);
    await db.query(`CREATE INDEX idx_idempotency_keys_created ON idempotency_keys (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS idempotency_keys`);
  }
}
