import { TerminalRunStatuses, type RunEventView, type RunView, type TaskStatus } from '@shipyard/contracts';
import { pollUntil } from '@shipyard/shared/testing';
import type { ApiClient } from './support/api-client';
import { createReadyProject, createRun } from './support/factories';
import { FullPlatform } from './support/full-platform';
import {
  duplicates,
  jobTokens,
  readRun,
  replayRunEvents,
  waitForRunStatus,
  type RunReading,
} from './support/run-reads';

// Real: all eleven services as processes from a private build (gateway, project-service, run-orchestrator,
// artifact-service, the seven agents on the deterministic offline model), PostgreSQL (this file's own
// database), NATS JetStream (own prefix, so own streams and result bucket), Redis (own key prefix).
// Faked: nothing. Runs are driven and observed only through the gateway's HTTP API, like a user would;
// services are killed with SIGKILL like a crash.

/**
 * Two tasks in one dependency chain (T2 after T1); the offline lead rejects each task's first review, so
 * every task goes implement, review, fix, review, QA: 16 jobs in all. The offline model is deterministic
 * per job, not per requirement: it seeds small variations (a review nit, file sizes) with a hash of the
 * job, whose id differs between runs. So an undisturbed twin of a disturbed run has the same tasks, the
 * same comments up to those details and the same number of jobs, but not exactly the same token count;
 * tokens are checked against the run's own per-job usage events and ledger instead.
 */
const REQUIREMENT = 'A REST API for todo items. Users sign in with a token. [offline:tasks=2]';
const PROJECT_NAME = 'Todo API';
/** USD per 1M offline tokens, so cost is a number the spec can check rather than 0. */
const PRICE_PER_MTOK = 2;
/** The orchestrator's reservation per job not yet answered (prompt + completion), pinned for the budget case. */
const ESTIMATE_TOKENS = { prompt: 2000, completion: 1000 };
/** Developer jobs take this long, so a developer SIGKILLed while a task is IN_PROGRESS dies mid-job. */
const DEVELOPER_LATENCY_MS = 800;
const JOB_ACK_WAIT_MS = 2000;
const RUN_TIMEOUT_MS = 60_000;
/** Per test: a run or two plus restarts, on a loaded two-core CI machine; about 15 s when idle. */
const TEST_TIMEOUT_MS = 150_000;
/** Statuses of a task an agent is working on or has handed on, i.e. started and not finished. */
const STARTED: readonly TaskStatus[] = ['IN_PROGRESS', 'IN_REVIEW', 'IN_QA'];

let platform: FullPlatform;
let api: ApiClient;
let key: string;

beforeAll(async () => {
  const priced = { OFFLINE_MODEL_PRICE_PER_MTOK: String(PRICE_PER_MTOK) };
  platform = await FullPlatform.start({
    jobAckWaitMs: JOB_ACK_WAIT_MS,
    offlineLatencyMs: 60,
    latencyByService: { 'agent-developer': DEVELOPER_LATENCY_MS },
    agentEnv: priced,
    env: {
      'run-orchestrator': {
        ...priced,
        ORCHESTRATOR_ESTIMATE_PROMPT_TOKENS: String(ESTIMATE_TOKENS.prompt),
        ORCHESTRATOR_ESTIMATE_COMPLETION_TOKENS: String(ESTIMATE_TOKENS.completion),
      },
    },
  });
  key = await platform.createTenant('platform-runs');
  api = platform.api.withKey(key);
}, 150_000);

afterAll(async () => {
  await platform?.close();
});

/** A new project from the spec's requirement (a project has one active run at a time) and a run of it. */
async function startRun(configPatch?: Record<string, unknown>, requirements = REQUIREMENT): Promise<RunView> {
  const project = await createReadyProject(api, { name: PROJECT_NAME, requirements });
  return createRun(api, project.id, configPatch);
}

function untilEnded(runId: string): Promise<RunView> {
  return waitForRunStatus(api, runId, TerminalRunStatuses, RUN_TIMEOUT_MS, () => platform.diagnostics());
}

/** Until one of the runs has a task that an agent has started and not finished. */
async function untilSomeTaskStarted(runIds: readonly string[], statuses = STARTED): Promise<RunReading> {
  return pollUntil(
    async () => {
      for (const runId of runIds) {
        const reading = await readRun(api, runId);
        if (reading.tasks.some((task) => statuses.includes(task.status))) return reading;
      }
      return false;
    },
    { timeoutMs: RUN_TIMEOUT_MS, intervalMs: 50 },
  );
}

/**
 * A comment as the user sees it, without ids, times and the details the offline model varies per job
 * (it seeds its small variations with a hash of the job, and job ids differ between runs): the task, the
 * type, the author and the body's first line ("Fix of T2: ... addressing 2 finding(s), by ..."). Equal
 * for the same work done by any run of the same requirement.
 */
function commentShapes(reading: RunReading): string[] {
  const titles = new Map(reading.tasks.map((task) => [task.id, task.title]));
  return reading.comments
    .map(
      (c) =>
        `${c.taskId === null ? '(run)' : titles.get(c.taskId)} | ${c.commentType} | ${c.authorRole} | ${c.body.split('\n')[0]}`,
    )
    .sort();
}

/** The same comment written twice: same task, type, author and whole body. */
function duplicateComments(reading: RunReading): string[] {
  return duplicates(
    reading.comments.map((c) => `${c.taskId} | ${c.commentType} | ${c.authorRole} | ${c.body}`),
  );
}

function roleTokens(run: RunView): Record<string, number> {
  const byRole = (run.finalReport?.usage as { byRole?: Record<string, { tokens: number }> } | undefined)
    ?.byRole;
  return Object.fromEntries(Object.entries(byRole ?? {}).map(([role, usage]) => [role, usage.tokens]));
}

/**
 * Nothing lost, nothing doubled, compared with the undisturbed twin (same requirement, so the same tasks,
 * comments and jobs): no duplicate task or comment; every job's usage recorded once (the run's usage events
 * each carry the new total after one job's result, so their count is the number of jobs counted, and their
 * increments add up to the run's counters); and the counters equal the ledger as the final report shows it.
 */
async function expectSameWorkAsTwin(reading: RunReading, twin: RunReading): Promise<void> {
  expect(reading.run.status).toBe('COMPLETED');
  const titles = reading.tasks.map((t) => t.title).sort();
  expect(duplicates(titles)).toEqual([]);
  expect(titles).toEqual(twin.tasks.map((t) => t.title).sort());
  expect(duplicateComments(reading)).toEqual([]);
  expect(commentShapes(reading)).toEqual(commentShapes(twin));

  const [events, twinEvents] = await Promise.all(
    [reading, twin].map((r) => replayRunEvents(api, key, r.run.id)),
  );
  const jobs = jobTokens(events!);
  expect(jobs).toHaveLength(jobTokens(twinEvents!).length);
  for (const tokens of jobs) expect(tokens).toBeGreaterThan(0);
  const total = reading.run.usage.totalTokens;
  expect(jobs.reduce((a, b) => a + b, 0)).toBe(total);
  expect(reading.run.finalReport?.usage).toMatchObject({ tokens: total });
  expect(Object.values(roleTokens(reading.run)).reduce((a, b) => a + b, 0)).toBe(total);
  expect(Object.keys(roleTokens(reading.run)).sort()).toEqual(Object.keys(roleTokens(twin.run)).sort());

  // What a watcher of the live stream saw: every comment once, as many task changes as the twin had, one end.
  const streamed = events!.flatMap((e) => (e.data.type === 'comment.created' ? [e.data.commentId] : []));
  expect(streamed.sort()).toEqual(reading.comments.map((c) => c.id).sort());
  const taskChanges = (list: readonly RunEventView[]): number =>
    list.filter((e) => e.data.type === 'task.changed').length;
  expect(taskChanges(events!)).toBe(taskChanges(twinEvents!));
  expect(statusEvents(events!).filter((status) => status === 'COMPLETED')).toHaveLength(1);
}

let twin: Promise<RunReading> | undefined;
/**
 * The undisturbed run of REQUIREMENT every disturbed run is compared with; made once, from `started` when
 * the first caller has already created it.
 */
function undisturbedTwin(started?: RunView): Promise<RunReading> {
  twin ??= (async () => {
    const run = started ?? (await startRun());
    await untilEnded(run.id);
    return readRun(api, run.id);
  })();
  return twin;
}

/**
 * A new run of REQUIREMENT once one of its developer jobs is in flight (for DEVELOPER_LATENCY_MS from
 * here): the reading at that moment and the tasks being worked on.
 */
async function startRunUntilDeveloperWorks(): Promise<{
  run: RunView;
  before: RunReading;
  working: string[];
}> {
  const run = await startRun();
  const before = await untilSomeTaskStarted([run.id], ['IN_PROGRESS']);
  const working = before.tasks.filter((t) => t.status === 'IN_PROGRESS').map((t) => t.id);
  return { run, before, working };
}

function developerComments(reading: RunReading, taskId: string): number {
  return reading.comments.filter((c) => c.taskId === taskId && c.authorRole === 'developer').length;
}

function statusEvents(events: readonly RunEventView[]): string[] {
  return events.flatMap((e) => (e.data.type === 'run.status' ? [e.data.status] : []));
}

describe('runs through the whole platform', () => {
  test(
    'a run goes QUEUED -> RUNNING -> COMPLETED, and its tasks, comments, usage and report are visible',
    async () => {
      const created = await startRun();
      expect(created.status).toBe('QUEUED');
      const { run, tasks, comments } = await undisturbedTwin(created);

      expect(run.status).toBe('COMPLETED');
      expect(run.startedAt).not.toBeNull();
      expect(run.finishedAt).not.toBeNull();
      // The transitions as a watcher of the live event stream saw them, each once.
      const events = await replayRunEvents(api, key, run.id);
      expect(statusEvents(events)).toEqual(['RUNNING', 'COMPLETED']);
      // One usage event per job: analyze, plan, bootstrap; per task implement, review, fix, review, QA;
      // security, docs, devops.
      expect(jobTokens(events)).toHaveLength(3 + 2 * 5 + 3);

      // The PM's task tree: two tasks in a chain, with acceptance criteria, all done.
      expect(tasks).toHaveLength(2);
      const [first, second] = [...tasks].sort((a, b) => a.title.localeCompare(b.title));
      expect(second?.dependsOn).toEqual([first?.id]);
      expect(first?.dependsOn).toEqual([]);
      for (const task of tasks) {
        expect(task.status).toBe('DONE');
        expect(task.acceptanceCriteria.length).toBeGreaterThanOrEqual(3);
      }

      // Each task's audit trail: developer's work, the lead's rejection and approval, the fix, QA's report,
      // each written by the offline model, which names itself.
      const onTasks = comments.filter((c) => c.taskId !== null);
      expect(new Set(onTasks.map((c) => c.authorRole))).toEqual(new Set(['developer', 'lead', 'qa']));
      // The run-level trail: the PM's analysis and plan, the security summary, docs and deployment notes.
      const onRun = comments.filter((c) => c.taskId === null);
      expect(new Set(onRun.map((c) => c.authorRole))).toEqual(
        new Set(['pm', 'developer', 'security', 'docs', 'devops']),
      );
      expect(onRun.filter((c) => c.authorRole === 'pm').map((c) => c.commentType)).toEqual([
        'NOTE',
        'DECISION',
      ]);
      for (const task of tasks) {
        const trail = comments.filter((c) => c.taskId === task.id);
        expect(trail.map((c) => `${c.authorRole}:${c.commentType}`)).toEqual([
          'developer:PROGRESS',
          'lead:REVIEW',
          'developer:PROGRESS',
          'lead:REVIEW',
          'qa:TEST_REPORT',
        ]);
        expect(trail.map((c) => c.metrics.approved ?? null)).toEqual([null, false, null, true, null]);
        for (const comment of trail) expect(comment.body).toContain('Shipyard offline model');
      }
      expect(duplicateComments({ run, tasks, comments })).toEqual([]);

      // Usage and cost: priced from the configured offline price.
      expect(run.usage.totalTokens).toBeGreaterThan(0);
      expect(run.usage.totalTokens).toBe(run.usage.promptTokens + run.usage.completionTokens);
      expect(run.costUsd).toBeCloseTo((run.usage.totalTokens * PRICE_PER_MTOK) / 1e6, 6);

      // The final report: outcome, every task's state and loops, tokens per role adding up to the run's.
      const report = run.finalReport as Record<string, unknown>;
      expect(report).toMatchObject({
        runId: run.id,
        outcome: 'COMPLETED',
        reviewIterations: 4,
        fixCycles: 2,
      });
      const reported = report.tasks as Array<Record<string, unknown>>;
      expect(reported.map((entry) => entry.taskId).sort()).toEqual(tasks.map((task) => task.id).sort());
      for (const entry of reported) {
        expect(entry).toMatchObject({ status: 'DONE', reviewIterations: 2, fixCycles: 1, reason: null });
      }
      const perRole = roleTokens(run);
      expect(Object.keys(perRole).sort()).toEqual([
        'developer',
        'devops',
        'docs',
        'lead',
        'pm',
        'qa',
        'security',
      ]);
      for (const tokens of Object.values(perRole)) expect(tokens).toBeGreaterThan(0);
      expect(Object.values(perRole).reduce((a, b) => a + b, 0)).toBe(run.usage.totalTokens);
      expect(report.usage).toMatchObject({ tokens: run.usage.totalTokens });
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'each task shows on the live stream what is happening to it, IN_PROGRESS while its developer works',
    async () => {
      const { run, tasks } = await undisturbedTwin();
      const events = await replayRunEvents(api, key, run.id);
      for (const task of tasks) {
        const history = events.flatMap((e) =>
          e.data.type === 'task.changed' && e.data.taskId === task.id ? [e.data.status] : [],
        );
        // Created, implemented, reviewed (rejected), fixed, reviewed (approved), tested, done.
        expect(history).toEqual([
          'PENDING',
          'IN_PROGRESS',
          'IN_REVIEW',
          'IN_PROGRESS',
          'IN_REVIEW',
          'IN_QA',
          'DONE',
        ]);
      }
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'the orchestrator is SIGKILLed with runs in flight and restarted: every run completes, nothing doubled',
    async () => {
      const twinReading = await undisturbedTwin();
      const runs = await Promise.all([startRun(), startRun(), startRun()]);
      const ids = runs.map((r) => r.id);
      await untilSomeTaskStarted(ids);

      await platform.kill('run-orchestrator');
      // The kill must have landed mid-run for the test to mean anything.
      const atKill = await Promise.all(ids.map((id) => readRun(api, id)));
      expect(atKill.filter((r) => !TerminalRunStatuses.includes(r.run.status)).length).toBeGreaterThan(0);
      await platform.restart('run-orchestrator');

      for (const id of ids) {
        await untilEnded(id);
        await expectSameWorkAsTwin(await readRun(api, id), twinReading);
      }
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'an agent SIGKILLed mid-job is restarted: the job is redelivered and the run completes once',
    async () => {
      const twinReading = await undisturbedTwin();
      // IN_PROGRESS is the fix after the first review: a developer job is running now, for DEVELOPER_LATENCY_MS.
      const { run, working: fixing } = await startRunUntilDeveloperWorks();
      const killedGeneration = platform.instanceId('agent-developer');
      expect(fixing.length).toBeGreaterThan(0);
      await platform.kill('agent-developer');
      await platform.restart('agent-developer');

      await untilEnded(run.id);
      const after = await readRun(api, run.id);
      await expectSameWorkAsTwin(after, twinReading);
      // The fix the killed developer held was done by its successor, after JetStream redelivered it.
      for (const taskId of fixing) {
        const fixes = after.comments.filter(
          (c) => c.taskId === taskId && c.authorRole === 'developer' && c.body.startsWith('Fix of'),
        );
        expect(fixes.map((c) => c.agentId)).toEqual([platform.instanceId('agent-developer')]);
        expect(fixes[0]?.agentId).not.toBe(killedGeneration);
      }
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'project-service, the artifact service and the gateway SIGKILLed mid-run and restarted: the run completes once',
    async () => {
      const twinReading = await undisturbedTwin();
      const { run } = await startRunUntilDeveloperWorks();
      // The orchestrator commits through PostgreSQL directly and agents work on, so the run may go on while
      // the API is down; what it wrote meanwhile must show, once, when the API is back.
      const victims = ['project-service', 'artifact-service', 'gateway'] as const;
      for (const victim of victims) await platform.kill(victim);
      await Promise.all(victims.map((victim) => platform.restart(victim)));

      await untilEnded(run.id);
      await expectSameWorkAsTwin(await readRun(api, run.id), twinReading);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'a paused run stays paused, then resumes and completes',
    async () => {
      const twinReading = await undisturbedTwin();
      const { run, before, working: fixing } = await startRunUntilDeveloperWorks();

      const paused = await api.post<RunView>(`/api/runs/${run.id}/pause`);
      expect(paused.status).toBe(200);
      expect(paused.body.status).toBe('PAUSED');
      // Pause takes effect at the next node boundary: the job already sent finishes and is recorded...
      const settled = await untilQuiet(run.id);
      expect(settled.run.status).toBe('PAUSED');
      for (const taskId of fixing) {
        expect(developerComments(settled, taskId)).toBe(developerComments(before, taskId) + 1);
      }
      // ...and then nothing moves: no job is sent, so no task changes, no comment, no token.
      expect(settled.tasks.filter((t) => t.status !== 'DONE').length).toBeGreaterThan(0);
      await expectNoChange(run.id, settled, 3 * JOB_ACK_WAIT_MS);

      const resumed = await api.post<RunView>(`/api/runs/${run.id}/resume`);
      expect(resumed.status).toBe(200);
      expect(resumed.body.status).toBe('RUNNING');
      await untilEnded(run.id);
      await expectSameWorkAsTwin(await readRun(api, run.id), twinReading);
      // Each transition is one status event with its reason (the diff shows the reasons when it fails).
      const transitions = (await replayRunEvents(api, key, run.id)).flatMap((e) =>
        e.data.type === 'run.status' ? [{ status: e.data.status, reason: e.data.reason }] : [],
      );
      expect(transitions).toEqual(
        ['RUNNING', 'PAUSED', 'RUNNING', 'COMPLETED'].map((status): unknown =>
          expect.objectContaining({ status }),
        ),
      );
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'a stopped run ends STOPPED_USER and nothing more is written for it',
    async () => {
      // The developer job in flight finishes after the stop.
      const { run, before, working: fixing } = await startRunUntilDeveloperWorks();

      const stopped = await api.post<RunView>(`/api/runs/${run.id}/stop`);
      expect(stopped.status).toBe(200);
      expect(stopped.body.status).toBe('STOPPED_USER');
      const finishedAt = Date.parse(stopped.body.finishedAt ?? '');
      expect(Number.isNaN(finishedAt)).toBe(false);
      const atStop = await readRun(api, run.id);
      // Longer than the job in flight at the stop takes (developer latency) plus a redelivery (AckWait):
      // whatever it would have written has arrived by then, or never will.
      await expectNoChange(run.id, atStop, DEVELOPER_LATENCY_MS + 2 * JOB_ACK_WAIT_MS);
      const final = await readRun(api, run.id);
      expect(final.run.status).toBe('STOPPED_USER');
      for (const taskId of fixing) {
        expect(developerComments(final, taskId)).toBe(developerComments(before, taskId));
      }
      for (const comment of final.comments) {
        expect(Date.parse(comment.createdAt)).toBeLessThanOrEqual(finishedAt);
      }
      for (const task of final.tasks) expect(Date.parse(task.updatedAt)).toBeLessThanOrEqual(finishedAt);
      expect(statusEvents(await replayRunEvents(api, key, run.id))).toEqual(['RUNNING', 'STOPPED_USER']);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'a low token budget with onExceed=stop ends STOPPED_BUDGET without spending past it',
    async () => {
      // Three independent tasks, so several developer and lead jobs are in flight at once when the budget is
      // reached. 16k tokens covers analysis, planning and bootstrap (~2k) and some task work, not the run (~30k).
      const maxTokens = 16_000;
      const run = await startRun(
        { budget: { maxTokens, onExceed: 'stop' } },
        'A REST API for todo items. Users sign in with a token. Items have due dates. [offline:tasks=3] [offline:chain-length=1]',
      );
      const ended = await untilEnded(run.id);
      expect(ended.status).toBe('STOPPED_BUDGET');
      expect(ended.statusReason).toMatch(/token budget 16000 would be exceeded/);
      const jobs = jobTokens(await replayRunEvents(api, key, run.id));
      // The budget cut the run during task work, not before it: more than analysis, planning and bootstrap ran.
      expect(jobs.length).toBeGreaterThan(3);

      // The bound asserted: totalTokens <= maxTokens. Every job leaves with an allowance that the budget
      // reserves while it is in flight and the agent enforces, so no job can spend into another's share or
      // past what was left (budget-bound.e2e-spec.ts does this against a model that overruns its estimates).
      // Here every job spends less than its estimate (checked, not assumed), so none was stopped early.
      const estimate = ESTIMATE_TOKENS.prompt + ESTIMATE_TOKENS.completion;
      expect(Math.max(...jobs)).toBeLessThanOrEqual(estimate);
      expect(ended.usage.totalTokens).toBeLessThanOrEqual(maxTokens);
      // The live usage events, the run's counters and the ledger in the report agree.
      expect(jobs.reduce((a, b) => a + b, 0)).toBe(ended.usage.totalTokens);
      const report = ended.finalReport as {
        outcome?: string;
        usage?: { tokens: number };
        tasks?: Array<{ status: string }>;
      } | null;
      expect(report?.usage?.tokens).toBe(ended.usage.totalTokens);
      // It was cut short: unfinished tasks are reported CANCELLED.
      expect(report?.outcome).toBe('STOPPED_BUDGET');
      expect(report?.tasks?.some((t) => t.status === 'CANCELLED')).toBe(true);
      // A stop is final: no job is sent afterwards, so nothing moves.
      const atEnd = await readRun(api, run.id);
      await expectNoChange(run.id, atEnd, DEVELOPER_LATENCY_MS + JOB_ACK_WAIT_MS);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'a low budget with onExceed=pause holds the run; a raised budget holds too; raised enough, the run completes',
    async () => {
      const twinReading = await undisturbedTwin();
      const raise = async (maxTokens: number): Promise<RunView> => {
        // Only maxTokens is named; maxCostUsd and onExceed stay what they were.
        const resumed = await api.post<RunView>(`/api/runs/${run.id}/resume`, { budget: { maxTokens } });
        expect(resumed.status).toBe(200);
        expect(resumed.body).toMatchObject({
          status: 'RUNNING',
          budget: { ...run.budget, maxTokens },
          configSnapshot: { budget: run.budget },
        });
        return resumed.body;
      };
      const untilHeld = async (maxTokens: number): Promise<void> => {
        const paused = await waitForRunStatus(
          api,
          run.id,
          ['PAUSED', ...TerminalRunStatuses],
          RUN_TIMEOUT_MS,
        );
        expect(paused.status).toBe('PAUSED');
        expect(paused.statusReason).toContain(`token budget ${maxTokens} would be exceeded`);
        const held = await untilQuiet(run.id);
        expect(held.run.usage.totalTokens).toBeLessThanOrEqual(maxTokens);
        await expectNoChange(run.id, held, 2 * JOB_ACK_WAIT_MS);
      };
      // Analysis, planning and bootstrap fit in 9000 tokens; the first task's work does not.
      const run = await startRun({ budget: { maxTokens: 9000, onExceed: 'pause' } });
      await untilHeld(9000);
      // Raised, the budget still holds: the run goes on and pauses again at the new limit.
      await raise(18_000);
      await untilHeld(18_000);
      await raise(500_000);
      await untilEnded(run.id);
      await expectSameWorkAsTwin(await readRun(api, run.id), twinReading);
      const transitions = statusEvents(await replayRunEvents(api, key, run.id));
      expect(transitions).toEqual(['RUNNING', 'PAUSED', 'RUNNING', 'PAUSED', 'RUNNING', 'COMPLETED']);
    },
    TEST_TIMEOUT_MS,
  );
});

/** What may not change while a run is held: its status, tasks, comments and counters. */
function fingerprint(reading: RunReading): string {
  return JSON.stringify({
    status: reading.run.status,
    usage: reading.run.usage,
    tasks: reading.tasks.map((t) => [t.id, t.status, t.updatedAt]).sort(),
    comments: reading.comments.map((c) => c.id).sort(),
  });
}

/**
 * Until the run's reading has stayed the same for longer than a job in flight takes to finish and be
 * recorded: after a pause, the jobs already sent are allowed to land first.
 */
async function untilQuiet(runId: string): Promise<RunReading> {
  const quietMs = DEVELOPER_LATENCY_MS + JOB_ACK_WAIT_MS;
  let last = '';
  let since = Date.now();
  return pollUntil(
    async () => {
      const reading = await readRun(api, runId);
      const now = fingerprint(reading);
      if (now !== last) {
        last = now;
        since = Date.now();
        return false;
      }
      return Date.now() - since >= quietMs && reading;
    },
    { timeoutMs: RUN_TIMEOUT_MS, intervalMs: 200 },
  );
}

/**
 * The run's reading does not change within `windowMs`: a poll for a change that must time out. Every read
 * is compared, so a change that comes and goes is caught too.
 */
async function expectNoChange(runId: string, reference: RunReading, windowMs: number): Promise<void> {
  const expected = fingerprint(reference);
  let changed: RunReading | undefined;
  await expect(
    pollUntil(
      async () => {
        const reading = await readRun(api, runId);
        if (fingerprint(reading) !== expected) changed = reading;
        return changed !== undefined;
      },
      { timeoutMs: windowMs, intervalMs: 200 },
    ),
  ).rejects.toThrow(/condition not met/);
  expect(changed).toBeUndefined();
}
