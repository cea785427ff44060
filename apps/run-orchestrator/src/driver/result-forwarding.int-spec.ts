import { jetstream } from '@nats-io/jetstream';
import type { Msg } from '@nats-io/transport-node';
import { REQUEST_ID_HEADER, resultSubject, type AgentJob, type AgentResult } from '@shipyard/contracts';
import { JobPublisher } from '@shipyard/shared/jetstream';
import { pollUntil } from '@shipyard/shared/testing';
import { announceRun } from '../testing/announce-run';
import { OrchestratorHarness } from '../testing/orchestrator.harness';
import type { ScriptedWorkers } from '../testing/scripted-workers';
import { seedQueuedRun } from '../testing/seed-run';
import type { Orchestrator } from './orchestrator';

// Real: PostgreSQL, NATS JetStream, the orchestrator. Scripted: the agents.
// Every replica shares the results consumer, so a result can reach one that does not hold its run's lease;
// it hands the result back to the stream for the owner. The copy is the same message: the headers the
// agent sent (request id, trace context) travel with it, and only the forward count is added.

describe('a result that reaches an orchestrator not holding its run', () => {
  const h = new OrchestratorHarness();
  let orchestrator: Orchestrator;
  let workers: ScriptedWorkers;

  beforeAll(async () => {
    await h.setUp();
    // No tick of its own during the spec: it keeps believing it drives the run while the lease is elsewhere.
    orchestrator = await h.startOrchestrator({
      ORCHESTRATOR_TICK_MS: '200000',
      ORCHESTRATOR_LEASE_MS: '600000',
    });
    workers = await h.startWorkers(orchestrator.topology);
  });
  afterAll(() => h.tearDown());

  it('forwards it with its own headers and the forward count, and the owner applies it once', async () => {
    const seeded = await seedQueuedRun(h.db.url);
    const { runId } = seeded;
    workers.silentRuns.add(runId);
    announceRun(h.nc, h.prefix, seeded);
    const job: AgentJob = await pollUntil(() => workers.seen.find((j) => j.runId === runId), {
      timeoutMs: 20_000,
    });
    const result: AgentResult = workers.answer(job);

    // Another replica holds the lease now.
    await h.sql.query(
      `UPDATE project_runs SET lease_owner = 'another-replica', lease_expires_at = clock_timestamp() + interval '10 minutes'
       WHERE id = $1`,
      [runId],
    );
    const seen: Msg[] = [];
    const subscription = h.nc.subscribe(`${h.prefix}${resultSubject(result.role)}`, {
      callback: (error, msg) => {
        if (!error) seen.push(msg);
      },
    });
    await h.nc.flush();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await new JobPublisher(jetstream(h.nc), { prefix: h.prefix }).publish(
      resultSubject(result.role),
      result,
      job.jobId,
      { requestId: 'req-forwarded', headers: { traceparent } },
    );

    const forwarded = await pollUntil(() => seen.find((m) => m.headers?.get('shipyard-forwards') === '1'), {
      timeoutMs: 20_000,
    });
    expect(forwarded.headers?.get(REQUEST_ID_HEADER)).toBe('req-forwarded');
    expect(forwarded.headers?.get('traceparent')).toBe(traceparent);
    // Its own message id (one copy per source message), not the agent's.
    expect(forwarded.headers?.get('Nats-Msg-Id')).toMatch(/^fwd:\d+$/);
    expect(forwarded.json()).toEqual(JSON.parse(JSON.stringify(result)));
    subscription.unsubscribe();

    // The lease comes back: a forwarded copy is applied, and the job's effects are there once.
    await h.sql.query(
      `UPDATE project_runs SET lease_owner = $2, lease_expires_at = clock_timestamp() + interval '10 minutes'
       WHERE id = $1`,
      [runId, orchestrator.owner],
    );
    await pollUntil(
      async () =>
        (await h.count(`SELECT count(*) AS n FROM run_jobs WHERE job_id = $1 AND status = 'completed'`, [
          job.jobId,
        ])) === 1,
      { timeoutMs: 30_000 },
    );
    expect(await h.count(`SELECT count(*) AS n FROM run_usage WHERE job_id = $1`, [job.jobId])).toBe(1);
  });
});
