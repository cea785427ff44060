import type { CommentView, ProjectView, RunView, TaskView, TemplateView } from '@shipyard/contracts';
import type { ApiClient } from './api-client';

/**
 * Request bodies for the happy path, with overrides per test. They go through the API like any client's,
 * and every factory checks its answer, so a failure points at the step that broke.
 */
export function createTemplate(
  api: ApiClient,
  overrides: Record<string, unknown> = {},
): Promise<TemplateView> {
  return created(api, '/api/templates', {
    name: 'Web service',
    description: 'A small web service',
    ...overrides,
  });
}

export function createProject(api: ApiClient, overrides: Record<string, unknown> = {}): Promise<ProjectView> {
  return created(api, '/api/projects', {
    name: 'Todo API',
    requirements: 'A REST API for todo items with users and due dates.',
    ...overrides,
  });
}

/** A project moved to READY, so runs can start. */
export async function createReadyProject(
  api: ApiClient,
  overrides: Record<string, unknown> = {},
): Promise<ProjectView> {
  const project = await createProject(api, overrides);
  return expectStatus(await api.post<ProjectView>(`/api/projects/${project.id}/ready`), 200, 'ready');
}

export function createRun(
  api: ApiClient,
  projectId: string,
  configPatch?: Record<string, unknown>,
): Promise<RunView> {
  return created(api, '/api/runs', { projectId, ...(configPatch ? { configPatch } : {}) });
}

export function createTask(
  api: ApiClient,
  runId: string,
  overrides: Record<string, unknown> = {},
): Promise<TaskView> {
  return created(api, '/api/tasks', {
    runId,
    title: 'Write the model',
    description: 'Todo entity and table',
    ...overrides,
  });
}

export function createComment(
  api: ApiClient,
  taskId: string,
  overrides: Record<string, unknown> = {},
): Promise<CommentView> {
  return created(api, '/api/comments', {
    taskId,
    commentType: 'NOTE',
    body: 'Started on the model',
    ...overrides,
  });
}

async function created<T>(api: ApiClient, path: string, body: Record<string, unknown>): Promise<T> {
  return expectStatus(await api.post<T>(path, body), 201, `POST ${path}`);
}

/** The answer's body when its status is `status`; otherwise an error naming the call and the answer. */
export function expectStatus<T>(res: { status: number; body: T }, status: number, what: string): T {
  if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
