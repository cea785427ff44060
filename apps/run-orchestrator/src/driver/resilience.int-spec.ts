import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { Msg } from '@nats-io/transport-node';
import { DomainError, REQUEST_ID_HEADER, resultSubject } from '@shipyard/contracts';
import {
  buildDeadLetterEnvelope,
  buildOutgoingHeaders,
  deadLetterSubjectFor,
  publishJson,
} from '@shipyard/shared/jetstream';
import { pollUntil } from '@shipyard/shared/testing';
import { OrchestratorHarness } from '../testing/orchestrator.harness';
import type { ScriptedWorkers } from '../testing/scripted-workers';
import { seedQueuedRun } from '../testing/seed-run';
import { REVIVED_HEADER } from './dead-letter-result';
import type { Orchestrator } from './orchestrator';

// Real: PostgreSQL, NATS JetStream (this file's own streams), one or two orchestrators in this process.
// Scripted: the agents. Checks that duplicates, poison jobs and a second orchestrator change nothing
// that is visible: each job once, each comment once, each token once.

const ENDED = ['COMPLETED', 'FAILED', 'STOPPED_BUDGET', 'STOPPED_USER', 'STOPPED_TIMEOUT'];
const POISON = 'bootstrap_repo';
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('orchestrator resilience', () => {
  const h = new OrchestratorHarness();
  let first: Orchestrator;
  let workers: ScriptedWorkers;
  const poisoned = new Set<string>();

  beforeAll(async () => {
    await h.setUp();
    first = await h.startOrchestrator();
    workers = await h.startWorkers(first.topology, (job) => {
      if (poisoned.has(job.runId) && job.kind === POISON)
        throw new DomainError('VALIDATION_FAILED', 'the scripted agent cannot read this job');
    });
  });
  afterAll(() => h.tearDown());

  /** Every visible effect of a run is there exactly once. */
  async function expectAppliedOnce(runId: string): Promise<void> {
    const jobs = await h.count(`SELECT count(*) AS n FROM run_jobs WHERE run_id = $1`, [runId]);
    const kinds = await h.sql.query<{ job_id: string }>(`SELECT job_id FROM run_jobs WHERE run_id = $1`, [
      runId,
    ]);
    expect(new Set(kinds.rows.map((r) => r.job_id)).size).toBe(jobs);
    expect(await h.count(`SELECT count(*) AS n FROM run_usage WHERE run_id = $1`, [runId])).toBe(jobs);
    expect(Number((await h.run(runId)).total_tokens)).toBe(jobs * 150);
    expect(await h.count(`SELECT count(*) AS n FROM task_comments WHERE run_id = $1`, [runId])).toBe(6);
    expect(
      await h.count(`SELECT count(*) AS n FROM run_events WHERE run_id = $1 AND type = 'comment.created'`, [
        runId,
      ]),
    ).toBe(6);
    expect(
      await h.count(`SELECT count(*) AS n FROM run_events WHERE run_id = $1 AND type = 'run.warning'`, [
        runId,
      ]),
    ).toBe(0);
  }

  it('applies a duplicated result once', async () => {
    workers.duplicateResults = true;
    try {
      const { runId } = await seedQueuedRun(h.db.url);
      expect((await h.waitForStatus(runId, ENDED)).status).toBe('COMPLETED');
      await expectAppliedOnce(runId);
    } finally {
      workers.duplicateResults = false;
    }
  });

  it('records nothing for a result naming a job its run never sent, and the run goes on', async () => {
    const { runId } = await seedQueuedRun(h.db.url);
    workers.silentRuns.add(runId);
    try {
      const job = await pollUntil(() => workers.seen.find((j) => j.runId === runId), { timeoutMs: 20_000 });
      const stray = { ...workers.answer(job), jobId: `${job.jobId}-never-sent` };
      const usageBefore = await h.count(`SELECT count(*) AS n FROM run_usage WHERE run_id = $1`, [runId]);
      expect(await first.applyResult(stray)).toBe('dropped');
      expect(await h.count(`SELECT count(*) AS n FROM run_usage WHERE run_id = $1`, [runId])).toBe(
        usageBefore,
      );
      expect(Number((await h.run(runId)).total_tokens)).toBe(0);
      workers.silentRuns.delete(runId);
      expect(await first.applyResult(workers.answer(job))).toBe('applied');
    } finally {
      workers.silentRuns.delete(runId);
    }
    expect((await h.waitForStatus(runId, ENDED)).status).toBe('COMPLETED');
    await expectAppliedOnce(runId);
  });

  it('sends a poison job to the dead-letter stream and fails the run with its reason', async () => {
    const { runId } = await seedQueuedRun(h.db.url);
    poisoned.add(runId);
    const run = await h.waitForStatus(runId, ENDED);
    expect(run.status).toBe('FAILED');
    expect(run.final_report?.reason).toContain('dead-lettered');
    expect(run.final_report?.reason).toContain('cannot read this job');
    // The job row is marked once the graph step that ended the run has committed, a moment later.
    const dead = await pollUntil(
      async () => {
        const { rows } = await h.sql.query<{ kind: string; status: string }>(
          `SELECT kind, status FROM run_jobs WHERE run_id = $1 AND status = 'dead'`,
          [runId],
        );
        return rows.length > 0 ? rows : null;
      },
      { timeoutMs: 10_000 },
    );
    expect(dead).toEqual([{ kind: POISON, status: 'dead' }]);
    const jsm = await jetstreamManager(h.nc);
    const info = await jsm.streams.info(first.topology.streams.deadLetters);
    expect(info.state.messages).toBeGreaterThanOrEqual(1);
  });

  it('revives a result the intake gave up on from the dead-letter stream, and its run completes', async () => {
    const { runId } = await seedQueuedRun(h.db.url);
    workers.silentRuns.add(runId);
    let job: (typeof workers.seen)[number];
    try {
      job = await pollUntil(() => workers.seen.find((j) => j.runId === runId), { timeoutMs: 20_000 });
    } finally {
      workers.silentRuns.delete(runId);
    }
    // What the results intake publishes when a result's attempts run out (the database down meanwhile):
    // the run waits for this result, and its job will not be re-sent before the dedup window has passed.
    const subject = `${h.prefix}${resultSubject(job.role)}`;
    const envelope = buildDeadLetterEnvelope(
      {
        subject,
        stream: first.topology.streams.results,
        consumer: first.topology.consumers.results,
        streamSequence: 1,
        deliveryCount: 3,
        headers: { [REQUEST_ID_HEADER]: 'req-revived', traceparent: TRACEPARENT, 'Nats-Msg-Id': job.jobId },
        data: new TextEncoder().encode(JSON.stringify(workers.answer(job))),
      },
      { kind: 'exhausted', reason: 'failed 3 of 3 attempt(s); last error: connection terminated' },
      new Date(),
    );
    const revived: Msg[] = [];
    const watch = h.nc.subscribe(subject, {
      callback: (error, msg) => {
        if (!error && msg.headers?.get(REVIVED_HEADER)) revived.push(msg);
      },
    });
    await h.nc.flush();
    const deadLetterSubject = deadLetterSubjectFor(h.prefix, subject);
    await publishJson(
      jetstream(h.nc),
      deadLetterSubject,
      envelope,
      `dl-${runId}`,
      buildOutgoingHeaders(),
      5000,
    );
    expect((await h.waitForStatus(runId, ENDED)).status).toBe('COMPLETED');
    await expectAppliedOnce(runId);
    // Back on the results stream with the agent's request id and trace context, under its own message id.
    watch.unsubscribe();
    expect(revived).toHaveLength(1);
    expect(revived[0]?.headers?.get(REQUEST_ID_HEADER)).toBe('req-revived');
    expect(revived[0]?.headers?.get('traceparent')).toBe(TRACEPARENT);
    expect(revived[0]?.headers?.get('Nats-Msg-Id')).toMatch(/^revive:\d+$/);
  });

  it('two orchestrators on the same runs: every run completes, none is processed twice', async () => {
    // Two fresh replicas that may drive 3 runs each, so 6 runs need both of them.
    await h.stopOrchestrator(first);
    const a = await h.startOrchestrator({ ORCHESTRATOR_MAX_RUNS: '3' });
    const b = await h.startOrchestrator({ ORCHESTRATOR_MAX_RUNS: '3' });
    const runIds: string[] = [];
    for (let i = 0; i < 6; i += 1) runIds.push((await seedQueuedRun(h.db.url)).runId);
    await pollUntil(() => a.ownedRunIds().length > 0 && b.ownedRunIds().length > 0, { timeoutMs: 20_000 });
    expect(a.ownedRunIds().filter((id) => b.ownedRunIds().includes(id))).toEqual([]);
    for (const runId of runIds) {
      expect((await h.waitForStatus(runId, ENDED, 60_000)).status).toBe('COMPLETED');
      await expectAppliedOnce(runId);
    }
    const dispatched = workers.seen.filter((job) => runIds.includes(job.runId)).map((job) => job.jobId);
    expect(new Set(dispatched).size).toBe(dispatched.length);
  });
});
