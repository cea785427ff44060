import {
  SseParser,
  type CommentView,
  type Page,
  type RunEventView,
  type RunStatus,
  type RunView,
  type TaskView,
} from '@shipyard/contracts';
import { pollUntil } from '@shipyard/shared/testing';
import type { ApiClient } from './api-client';
import { expectStatus } from './factories';

/** What a user can read about one run through the API at one moment. */
export interface RunReading {
  run: RunView;
  tasks: TaskView[];
  /** Every comment of every task of the run, oldest first per task. */
  comments: CommentView[];
}

export async function getRun(api: ApiClient, runId: string): Promise<RunView> {
  return expectStatus(await api.get<RunView>(`/api/runs/${runId}`), 200, `GET /api/runs/${runId}`);
}

/** Every item of a paged list, page by page (the API caps a page at 100). */
export async function listAll<T>(api: ApiClient, path: string): Promise<T[]> {
  const items: T[] = [];
  const glue = path.includes('?') ? '&' : '?';
  for (;;) {
    const page = expectStatus(
      await api.get<Page<T>>(`${path}${glue}limit=100&skip=${items.length}`),
      200,
      `GET ${path}`,
    );
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

export async function readRun(api: ApiClient, runId: string): Promise<RunReading> {
  const run = await getRun(api, runId);
  const tasks = await listAll<TaskView>(api, `/api/tasks?runId=${runId}`);
  // By run: the tasks' comments and the run-level ones (PM, security, docs, devops; taskId null).
  const comments = await listAll<CommentView>(api, `/api/comments?runId=${runId}`);
  return { run, tasks, comments };
}

/** Polls the run until its status is one of `statuses`; the error names the last status seen. */
export async function waitForRunStatus(
  api: ApiClient,
  runId: string,
  statuses: readonly RunStatus[],
  timeoutMs: number,
  explain: () => string = () => '',
): Promise<RunView> {
  let last: RunView | undefined;
  try {
    return await pollUntil(
      async () => {
        last = await getRun(api, runId);
        return statuses.includes(last.status) && last;
      },
      { timeoutMs, intervalMs: 100 },
    );
  } catch (error) {
    throw new Error(
      `run ${runId} did not reach ${statuses.join('|')} in ${timeoutMs} ms; last: ${last?.status} (${last?.statusReason}): ${String(error)}\n${explain()}`,
    );
  }
}

/**
 * The run's event history through `GET /api/runs/:id/events`, for a run that has ended: the gateway
 * replays it from the start and closes the stream after the terminal status.
 */
export async function replayRunEvents(api: ApiClient, key: string, runId: string): Promise<RunEventView[]> {
  const res = await fetch(`${api.baseUrl}/api/runs/${runId}/events`, {
    headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' },
    signal: AbortSignal.timeout(20_000),
  });
  if (res.status !== 200)
    throw new Error(`GET /api/runs/${runId}/events answered ${res.status}: ${await res.text()}`);
  return new SseParser()
    .push(await res.text())
    .flatMap((message) => (message.data === undefined ? [] : [JSON.parse(message.data) as RunEventView]));
}

/** Tokens of each job as the run's usage events report them (each event carries the run's new total). */
export function jobTokens(events: readonly RunEventView[]): number[] {
  let previous = 0;
  const jobs: number[] = [];
  for (const event of events) {
    if (event.data.type !== 'run.usage') continue;
    jobs.push(event.data.totalTokens - previous);
    previous = event.data.totalTokens;
  }
  return jobs;
}

/** The values that occur more than once (each repeat listed), to show what was written twice. */
export function duplicates(values: readonly string[]): string[] {
  return values.filter((value, i) => values.indexOf(value) !== i);
}
