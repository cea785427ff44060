import type { Page, ProjectView, RunStatus, RunView, TaskView, TemplateView } from '@shipyard/contracts';
import { provisionTenant } from '../tenant/provision-tenant';
import { DemoApi } from './demo-api';
import type { DemoConfig } from './demo.config';
import { formatEvent } from './format-event';
import { formatReport } from './format-report';
import { formatTaskTree } from './format-task-tree';
import { isTerminalEvent, runEventStream } from './run-event-stream';
import { SAMPLE_PROJECT_NAME, SAMPLE_REQUIREMENTS, SAMPLE_TEMPLATE } from './sample-project';

export interface DemoOutput {
  /** Progress of the demo itself ("creating a tenant"). */
  step(line: string): void;
  /** The run's own lines: events and the report. */
  line(line: string): void;
}

/**
 * The demo proper, against a running platform: a tenant, a template, a project from the sample
 * requirement, READY, a run; then the run's events live from the SSE endpoint until it ends, and its
 * final report. Everything goes through the public API except the tenant (an operator's act). Returns
 * the run's final status.
 */
export async function runDemo(config: DemoConfig, out: DemoOutput, signal: AbortSignal): Promise<RunStatus> {
  const tenantName = `demo ${new Date().toISOString().slice(0, 19).replace('T', ' ')}`;
  out.step(`creating tenant "${tenantName}"`);
  const tenant = await provisionTenant(config.DATABASE_URL, tenantName, 'shipyard-demo');
  const api = new DemoApi(config.gatewayUrl, tenant.apiKey);

  const template = await api.post<TemplateView>('/api/templates', SAMPLE_TEMPLATE);
  out.step(`template "${template.name}" v${template.version} (${template.id})`);
  const project = await api.post<ProjectView>('/api/projects', {
    name: SAMPLE_PROJECT_NAME,
    requirements: SAMPLE_REQUIREMENTS,
    templateId: template.id,
  });
  await api.post<ProjectView>(`/api/projects/${project.id}/ready`, undefined, 200);
  out.step(`project "${project.name}" is READY (${project.id})`);
  const run = await api.post<RunView>('/api/runs', { projectId: project.id });
  out.step(`run ${run.id} created (${run.status}); following ${config.gatewayUrl}/api/runs/${run.id}/events`);
  out.line('');

  const titles = new TaskTitles(api);
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(config.DEMO_TIMEOUT_MS)]);
  let ended = false;
  for await (const event of runEventStream({
    baseUrl: config.gatewayUrl,
    authorization: api.authorization,
    runId: run.id,
    signal: deadline,
    onReconnect: (lastSeq, reason) =>
      out.step(`event stream interrupted (${reason}); resuming after #${lastSeq}`),
  })) {
    const taskId =
      event.data.type === 'task.changed' || event.data.type === 'comment.created'
        ? event.data.taskId
        : undefined;
    out.line(formatEvent(event, taskId ? await titles.of(taskId) : undefined));
    if (isTerminalEvent(event)) ended = true;
  }
  if (!ended) {
    if (signal.aborted) throw new Error('interrupted');
    throw new Error(
      `the run did not end within ${config.DEMO_TIMEOUT_MS} ms (DEMO_TIMEOUT_MS); it goes on in the platform`,
    );
  }

  const final = await api.get<RunView>(`/api/runs/${run.id}`);
  const tasks = await listTasks(api, run.id);
  out.line('');
  out.line(`Task tree (${tasks.length}):`);
  for (const line of formatTaskTree(tasks)) out.line(line);
  out.line('');
  for (const line of formatReport(final)) out.line(line);
  return final.status;
}

/** Every task of the run, page by page (the API caps a page at 100). */
async function listTasks(api: DemoApi, runId: string): Promise<TaskView[]> {
  const tasks: TaskView[] = [];
  for (;;) {
    const page = await api.get<Page<TaskView>>(`/api/tasks?runId=${runId}&skip=${tasks.length}&limit=100`);
    tasks.push(...page.items);
    if (page.items.length === 0 || tasks.length >= page.total) return tasks;
  }
}

/** Task titles for event lines, each fetched once; an id the API will not name is shown as it is. */
class TaskTitles {
  private readonly known = new Map<string, Promise<string | undefined>>();

  constructor(private readonly api: DemoApi) {}

  of(taskId: string): Promise<string | undefined> {
    let title = this.known.get(taskId);
    if (!title) {
      title = this.api.get<TaskView>(`/api/tasks/${taskId}`).then(
        (task) => task.title,
        () => undefined,
      );
      this.known.set(taskId, title);
    }
    return title;
  }
}
