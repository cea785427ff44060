/**
 * Real: project-service in-process, PostgreSQL (a clone of the migrated template), NATS with a prefix of
 * this file's own; keys made by the same TenantProvisioner `npm run tenant:create` uses. Faked: nothing.
 */
import { HealthCheck, VerifyApiKey } from '@shipyard/contracts';
import { startProjectServiceHarness, type ProjectServiceHarness } from '../testing/project-service.harness';

describe('project-service API key verification and health over NATS', () => {
  let h: ProjectServiceHarness;

  beforeAll(async () => {
    h = await startProjectServiceHarness();
  });

  afterAll(async () => {
    await h.close();
  });

  it('answers the tenant of a valid key and stores only its hash', async () => {
    const tenant = await h.tenant('keys');
    expect(tenant.apiKey).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    await expect(
      h.client.request<VerifyApiKey.Reply>(VerifyApiKey.Subject, { apiKey: tenant.apiKey }),
    ).resolves.toEqual({ tenantId: tenant.tenantId, keyId: tenant.keyId });
    const { rows } = await h.sql.query<{ key_prefix: string; hash: string }>(
      `SELECT key_prefix, encode(key_hash, 'hex') AS hash FROM api_keys WHERE id = $1`,
      [tenant.keyId],
    );
    expect(rows[0]?.key_prefix).toBe(tenant.apiKey.slice(0, 11));
    expect(rows[0]?.hash).not.toContain(tenant.apiKey.slice(11));
    expect(JSON.stringify(rows)).not.toContain(tenant.apiKey);
  });

  it('refuses unknown, altered, malformed and revoked keys alike', async () => {
    const tenant = await h.tenant('revoked');
    const last = tenant.apiKey.at(-1) === 'A' ? 'B' : 'A';
    const altered = `${tenant.apiKey.slice(0, -1)}${last}`;
    for (const apiKey of [altered, `sk_${'x'.repeat(43)}`, 'sk_short', 'Bearer nonsense']) {
      await expect(h.client.request(VerifyApiKey.Subject, { apiKey })).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    }
    await h.sql.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [tenant.keyId]);
    await expect(h.client.request(VerifyApiKey.Subject, { apiKey: tenant.apiKey })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(h.client.request(VerifyApiKey.Subject, { apiKey: '' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('provisions a tenant only with a printable name of 1 to 200 characters, writing nothing otherwise', async () => {
    const before = await h.count('tenants');
    for (const name of ['', '   ', 'x'.repeat(201), 'evil\u001b[2Jname', 'line\nbreak']) {
      await expect(h.tenant(name)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await h.count('tenants')).toBe(before);
    expect(await h.count('api_keys')).toBe(before);
    await expect(h.tenant('  Trimmed Co  ')).resolves.toMatchObject({ name: 'Trimmed Co' });
  });

  it('reports the database check on its health subject', async () => {
    await expect(
      h.client.request<HealthCheck.Reply>(HealthCheck.subjectFor('project-service'), {}),
    ).resolves.toMatchObject({ service: 'project-service', status: 'ok', checks: { database: 'up' } });
  });
});
