/**
 * Real: project-service in-process, PostgreSQL (a clone of the migrated template), NATS with a prefix of
 * this file's own, driven with NatsRpcClient as the gateway does. Faked: nothing.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateProject,
  CreateRun,
  CreateTemplate,
  CreateTemplateVersion,
  DeleteProject,
  GetProject,
  ListProjects,
  MarkProjectReady,
  UpdateProject,
  type ProjectView,
} from '@shipyard/contracts';
import { startProjectServiceHarness, type ProjectServiceHarness } from '../testing/project-service.harness';

describe('project-service projects over NATS', () => {
  let h: ProjectServiceHarness;
  let tenantId: string;

  beforeAll(async () => {
    h = await startProjectServiceHarness();
    tenantId = (await h.tenant()).tenantId;
  });

  afterAll(async () => {
    await h.close();
  });

  const createProject = (body: Partial<CreateProject.Body> = {}, tenant = tenantId) =>
    h.client.request<ProjectView>(CreateProject.Subject, { tenantId: tenant, name: 'Shop', ...body });
  const ready = (id: string, tenant = tenantId) =>
    h.client.request<ProjectView>(MarkProjectReady.Subject, { tenantId: tenant, id });
  const update = (id: string, body: Partial<UpdateProject.Body>) =>
    h.client.request<ProjectView>(UpdateProject.Subject, { tenantId, id, ...body });

  it('creates a DRAFT project pinning the template latest version', async () => {
    const template = await h.client.request<CreateTemplate.Reply>(CreateTemplate.Subject, {
      tenantId,
      name: 'T',
    });
    await h.client.request(CreateTemplateVersion.Subject, { tenantId, id: template.id, description: 'v2' });
    const project = await createProject({ templateId: template.id, requirements: 'Sell socks' });
    expect(project).toMatchObject({
      status: 'DRAFT',
      templateId: template.id,
      templateVersion: 2,
      configPatch: {},
      activeRunId: null,
      requirements: 'Sell socks',
    });
    const pinned = await createProject({ templateId: template.id, templateVersion: 1 });
    expect(pinned.templateVersion).toBe(1);
    await expect(h.client.request(GetProject.Subject, { tenantId, id: project.id })).resolves.toEqual(
      project,
    );
  });

  it('refuses unknown templates, versions, and invalid patches, writing nothing', async () => {
    const before = await h.count('projects');
    await expect(createProject({ templateId: randomUUID() })).rejects.toMatchObject({
      code: 'TEMPLATE_NOT_FOUND',
    });
    const template = await h.client.request<CreateTemplate.Reply>(CreateTemplate.Subject, {
      tenantId,
      name: 'T',
    });
    await expect(createProject({ templateId: template.id, templateVersion: 7 })).rejects.toMatchObject({
      code: 'TEMPLATE_VERSION_NOT_FOUND',
    });
    await expect(createProject({ templateVersion: 1 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(createProject({ configPatch: { budget: { maxTokens: 0 } } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ path: 'configPatch.budget.maxTokens' })],
    });
    await expect(createProject({ configPatch: { budget: 5 } as never })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await h.count('projects')).toBe(before);
  });

  it('goes READY only with requirements, and back to DRAFT when its definition changes', async () => {
    const project = await createProject();
    await expect(ready(project.id)).rejects.toMatchObject({
      code: 'PROJECT_NOT_READY',
      details: [expect.objectContaining({ path: 'requirements' })],
    });
    await update(project.id, { requirements: 'Build a blog' });
    const readied = await ready(project.id);
    expect(readied.status).toBe('READY');
    await expect(ready(project.id)).resolves.toMatchObject({ status: 'READY' });

    const renamed = await update(project.id, { name: 'Blog' });
    expect(renamed).toMatchObject({ name: 'Blog', status: 'READY' });
    const repatched = await update(project.id, { configPatch: { review: { maxIterations: 5 } } });
    expect(repatched).toMatchObject({ status: 'DRAFT', configPatch: { review: { maxIterations: 5 } } });
  });

  it('reports an incomplete stored config as CONFIG_INCOMPLETE', async () => {
    const project = await createProject({ requirements: 'x' });
    // A patch that the API would refuse, written behind its back: ready must still catch it.
    await h.sql.query(
      `UPDATE projects SET config_patch = '{"budget":{"onExceed":"explode"}}' WHERE id = $1`,
      [project.id],
    );
    await expect(ready(project.id)).rejects.toMatchObject({
      code: 'CONFIG_INCOMPLETE',
      details: [expect.objectContaining({ path: 'configPatch.budget.onExceed' })],
    });
  });

  it('refuses edits while RUNNING and deletion while a run is active; deletes everything afterwards', async () => {
    const project = await createProject({ requirements: 'x' });
    await ready(project.id);
    const run = await h.client.request<CreateRun.Reply>(CreateRun.Subject, {
      tenantId,
      projectId: project.id,
    });
    await expect(update(project.id, { name: 'nope' })).rejects.toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
    });
    await expect(h.client.request(DeleteProject.Subject, { tenantId, id: project.id })).rejects.toMatchObject(
      {
        code: 'PROJECT_HAS_ACTIVE_RUN',
      },
    );
    await h.client.request('run.v1.stop', { tenantId, id: run.id });
    await expect(h.client.request(DeleteProject.Subject, { tenantId, id: project.id })).resolves.toEqual({
      id: project.id,
      deleted: true,
    });
    expect(await h.count('project_runs', 'project_id = $1', [project.id])).toBe(0);
    await expect(h.client.request(GetProject.Subject, { tenantId, id: project.id })).rejects.toMatchObject({
      code: 'PROJECT_NOT_FOUND',
    });
  });

  it('hides another tenant projects behind PROJECT_NOT_FOUND for every subject', async () => {
    const project = await createProject({ requirements: 'secret' });
    const other = (await h.tenant('intruder')).tenantId;
    for (const [subject, extra] of [
      [GetProject.Subject, {}],
      [UpdateProject.Subject, { name: 'mine now' }],
      [MarkProjectReady.Subject, {}],
      [DeleteProject.Subject, {}],
    ] as const) {
      await expect(
        h.client.request(subject, { tenantId: other, id: project.id, ...extra }),
      ).rejects.toMatchObject({
        code: 'PROJECT_NOT_FOUND',
      });
    }
    await expect(
      h.client.request(CreateRun.Subject, { tenantId: other, projectId: project.id }),
    ).rejects.toMatchObject({
      code: 'PROJECT_NOT_FOUND',
    });
    const theirs = await h.client.request<ListProjects.Reply>(ListProjects.Subject, { tenantId: other });
    expect(theirs.total).toBe(0);
    await expect(h.client.request(GetProject.Subject, { tenantId, id: project.id })).resolves.toMatchObject({
      name: 'Shop',
      status: 'DRAFT',
    });
  });

  it('lists by status, newest first, with stable pages', async () => {
    const tenant = (await h.tenant('lists')).tenantId;
    const drafts: string[] = [];
    for (let i = 0; i < 3; i += 1) drafts.push((await createProject({ name: `D${i}` }, tenant)).id);
    const readyOne = await createProject({ name: 'R', requirements: 'r' }, tenant);
    await ready(readyOne.id, tenant);
    const onlyDrafts = await h.client.request<ListProjects.Reply>(ListProjects.Subject, {
      tenantId: tenant,
      status: 'DRAFT',
    });
    expect(onlyDrafts.items.map((p) => p.id)).toEqual([...drafts].reverse());
    const all = await h.client.request<ListProjects.Reply>(ListProjects.Subject, {
      tenantId: tenant,
      skip: 1,
      limit: 2,
    });
    expect(all).toMatchObject({ total: 4, skip: 1, limit: 2 });
    expect(all.items.map((p) => p.id)).toEqual([drafts[2], drafts[1]]);
    await expect(
      h.client.request(ListProjects.Subject, { tenantId: tenant, status: 'SLEEPING' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses malformed requests at the edge', async () => {
    await expect(h.client.request(GetProject.Subject, { tenantId, id: 'not-a-uuid' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      h.client.request(CreateProject.Subject, { tenantId, name: 'x', extra: 1 }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ path: 'extra' })],
    });
    await expect(h.client.request(CreateProject.Subject, { name: 'no tenant' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
