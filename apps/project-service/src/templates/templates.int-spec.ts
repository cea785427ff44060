/**
 * Real: project-service in-process (startProjectService), PostgreSQL (a clone of the migrated template),
 * NATS with a prefix of this file's own. Driven over NATS with NatsRpcClient, as the gateway does.
 * Faked: nothing.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateTemplate,
  CreateTemplateVersion,
  defaultRunConfig,
  GetTemplate,
  GetTemplateVersion,
  ListTemplates,
  ListTemplateVersions,
} from '@shipyard/contracts';
import { startProjectServiceHarness, type ProjectServiceHarness } from '../testing/project-service.harness';

describe('project-service templates over NATS', () => {
  let h: ProjectServiceHarness;
  let tenantId: string;

  beforeAll(async () => {
    h = await startProjectServiceHarness();
    tenantId = (await h.tenant()).tenantId;
  });

  afterAll(async () => {
    await h.close();
  });

  const create = (body: Partial<CreateTemplate.Body>, tenant = tenantId) =>
    h.client.request<CreateTemplate.Reply>(CreateTemplate.Subject, {
      tenantId: tenant,
      name: 'Web app',
      ...body,
    });

  it('creates version 1 with the platform defaults filling what the config leaves out', async () => {
    const template = await create({ description: 'fast', config: { budget: { maxTokens: 1000 } } });
    const expected = defaultRunConfig();
    expected.budget.maxTokens = 1000;
    expect(template).toMatchObject({ name: 'Web app', description: 'fast', version: 1, config: expected });
    expect(template.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await expect(
      h.client.request<GetTemplate.Reply>(GetTemplate.Subject, { tenantId, id: template.id }),
    ).resolves.toEqual(template);
  });

  it('refuses an invalid config with field paths under `config`, and writes nothing', async () => {
    const before = await h.count('project_templates');
    const error = await create({
      config: { budget: { maxTokens: -1 }, roles: { pm: { temperature: 5 } }, surprise: true } as never,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    const paths = (error as { details: { path: string }[] }).details.map((d) => d.path).sort();
    expect(paths).toEqual(['config.budget.maxTokens', 'config.roles.pm.temperature', 'config.surprise']);
    expect(await h.count('project_templates')).toBe(before);
  });

  it('makes each edit an immutable next version patched over the latest', async () => {
    const v1 = await create({ name: 'Versioned', config: { review: { maxIterations: 1 } } });
    const v2 = await h.client.request<CreateTemplateVersion.Reply>(CreateTemplateVersion.Subject, {
      tenantId,
      id: v1.id,
      config: { budget: { onExceed: 'pause' } },
    });
    expect(v2).toMatchObject({ templateId: v1.id, version: 2, name: 'Versioned' });
    expect(v2.config.review.maxIterations).toBe(1);
    expect(v2.config.budget.onExceed).toBe('pause');
    const v3 = await h.client.request<CreateTemplateVersion.Reply>(CreateTemplateVersion.Subject, {
      tenantId,
      id: v1.id,
      name: 'Renamed',
    });
    expect(v3.version).toBe(3);

    const latest = await h.client.request<GetTemplate.Reply>(GetTemplate.Subject, { tenantId, id: v1.id });
    expect(latest).toMatchObject({ id: v1.id, version: 3, name: 'Renamed' });
    const first = await h.client.request<GetTemplateVersion.Reply>(GetTemplateVersion.Subject, {
      tenantId,
      id: v1.id,
      version: 1,
    });
    expect(first).toMatchObject({ version: 1, name: 'Versioned', config: v1.config });

    const versions = await h.client.request<ListTemplateVersions.Reply>(ListTemplateVersions.Subject, {
      tenantId,
      id: v1.id,
    });
    expect(versions.items.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(versions).toMatchObject({ total: 3, skip: 0, limit: 20 });
  });

  it('numbers concurrent edits one after the other', async () => {
    const t = await create({ name: 'Busy' });
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.client.request<CreateTemplateVersion.Reply>(CreateTemplateVersion.Subject, {
          tenantId,
          id: t.id,
          description: 'x',
        }),
      ),
    );
    expect(results.map((r) => r.version).sort()).toEqual([2, 3, 4, 5, 6]);
  });

  it('keeps a version row immutable even against a direct UPDATE', async () => {
    const t = await create({ name: 'Locked' });
    await expect(
      h.sql.query(`UPDATE project_template_versions SET config = '{}'::jsonb WHERE template_id = $1`, [t.id]),
    ).rejects.toMatchObject({ code: '23001' });
    const again = await h.client.request<GetTemplateVersion.Reply>(GetTemplateVersion.Subject, {
      tenantId,
      id: t.id,
      version: 1,
    });
    expect(again.config).toEqual(t.config);
  });

  it('answers not found for a missing version, a missing template, and another tenant', async () => {
    const t = await create({ name: 'Mine' });
    await expect(
      h.client.request(GetTemplateVersion.Subject, { tenantId, id: t.id, version: 9 }),
    ).rejects.toMatchObject({ code: 'TEMPLATE_VERSION_NOT_FOUND' });
    await expect(h.client.request(GetTemplate.Subject, { tenantId, id: randomUUID() })).rejects.toMatchObject(
      {
        code: 'TEMPLATE_NOT_FOUND',
      },
    );
    const other = (await h.tenant('other')).tenantId;
    for (const [subject, extra] of [
      [GetTemplate.Subject, {}],
      [GetTemplateVersion.Subject, { version: 1 }],
      [ListTemplateVersions.Subject, {}],
      [CreateTemplateVersion.Subject, { name: 'hijack' }],
    ] as const) {
      await expect(h.client.request(subject, { tenantId: other, id: t.id, ...extra })).rejects.toMatchObject({
        code: 'TEMPLATE_NOT_FOUND',
      });
    }
    const list = await h.client.request<ListTemplates.Reply>(ListTemplates.Subject, { tenantId: other });
    expect(list.items.map((i) => i.id)).not.toContain(t.id);
  });

  it('lists newest first with stable pages and bounded skip/limit', async () => {
    const tenant = (await h.tenant('lister')).tenantId;
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) made.push((await create({ name: `T${i}` }, tenant)).id);
    const page1 = await h.client.request<ListTemplates.Reply>(ListTemplates.Subject, {
      tenantId: tenant,
      limit: 2,
    });
    const page2 = await h.client.request<ListTemplates.Reply>(ListTemplates.Subject, {
      tenantId: tenant,
      skip: 2,
      limit: 2,
    });
    const page3 = await h.client.request<ListTemplates.Reply>(ListTemplates.Subject, {
      tenantId: tenant,
      skip: 4,
      limit: 2,
    });
    expect(page1).toMatchObject({ total: 5, skip: 0, limit: 2 });
    expect([...page1.items, ...page2.items, ...page3.items].map((i) => i.id)).toEqual([...made].reverse());
    const beyond = await h.client.request<ListTemplates.Reply>(ListTemplates.Subject, {
      tenantId: tenant,
      skip: 50,
    });
    expect(beyond).toEqual({ items: [], total: 5, skip: 50, limit: 20 });
    for (const bad of [{ limit: 0 }, { limit: 101 }, { skip: -1 }, { limit: 1.5 }, { skip: 1e20 }]) {
      await expect(
        h.client.request(ListTemplates.Subject, { tenantId: tenant, ...bad }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
  });
});
