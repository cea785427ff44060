import type { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import type { AgentJob } from '@shipyard/contracts';
import pg from 'pg';
import type { JobDispatcher } from '../ports/job-dispatcher.port';
import type { RunPorts } from '../ports/run-ports';
import { makeInMemoryRunPorts } from '../ports/testing';
import { buildRunGraph, type RunGraph } from './graph';
import { makeRunStart } from './testing/make-run-start';
import { RunDriver } from './testing/run-driver';
import { createPostgresSaver } from './testing/postgres-saver';
import { createScratchDatabase, type ScratchDatabase } from './testing/scratch-database';
import { ScriptedAgent } from './testing/scripted-agent';

// Real: PostgreSQL, LangGraph's PostgresSaver, the graph. Faked: the ports (in memory, shared across
// "restarts" as the service's own durable stores would be) and the agents (scripted).

/** Sends through the in-memory dispatcher, then dies once on the chosen call: a crash after a side effect. */
class CrashingDispatcher implements JobDispatcher {
  crashed = false;
  constructor(
    private readonly inner: JobDispatcher,
    private readonly crashOn: (job: AgentJob) => boolean,
  ) {}

  async dispatch(job: AgentJob): Promise<void> {
    await this.inner.dispatch(job);
    if (!this.crashed && this.crashOn(job)) {
      this.crashed = true;
      throw new Error('simulated crash after the job left, before the checkpoint');
    }
  }
}

describe('run graph on PostgresSaver', () => {
  let db: ScratchDatabase;
  const savers: PostgresSaver[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase();
    const saver = createPostgresSaver(db.url);
    await saver.setup();
    await saver.end();
  });

  afterAll(async () => {
    await Promise.all(savers.splice(0).map((s) => s.end()));
    await db.drop();
  });

  /** A new saver and a new graph for every invocation, as after a process restart; the previous one is closed. */
  function freshGraphEachTime(ports: RunPorts): () => Promise<RunGraph> {
    return async () => {
      await Promise.all(savers.splice(0).map((s) => s.end()));
      const saver = createPostgresSaver(db.url);
      savers.push(saver);
      return buildRunGraph(ports, { checkpointer: saver });
    };
  }

  it('resumes from a new graph instance after every step and completes, with a review loop', async () => {
    const ports = makeInMemoryRunPorts();
    const start = makeRunStart();
    const driver = new RunDriver(freshGraphEachTime(ports), ports.dispatcher, start.run.runId);
    const agent = new ScriptedAgent((job, call) =>
      job.kind === 'review' && call === 1
        ? { output: { approved: false, findings: [{ severity: 'high', message: 'missing test' }] } }
        : undefined,
    );

    const end = await driver.drive(agent, await driver.start(start));

    expect(end.kind).toBe('finished');
    expect(end.kind === 'finished' && end.state.outcome?.status).toBe('COMPLETED');
    // One invocation per delivered result plus the start: every one of them on a fresh graph and saver.
    expect(driver.invocations).toBe(ports.dispatcher.sent.length + 1);
    expect(ports.dispatcher.sent.map((j) => j.kind).filter((k) => k === 'fix')).toHaveLength(2);
    expect(ports.reports.reports.get(start.run.runId)?.outcome).toBe('COMPLETED');

    // The checkpoints really are in PostgreSQL, for this thread.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM checkpoints WHERE thread_id = $1',
        [start.run.runId],
      );
      expect(Number(rows[0]?.n)).toBeGreaterThan(ports.dispatcher.sent.length);
    } finally {
      await client.end();
    }
  });

  it('sends nothing twice when the process dies after sending a job and the result is delivered again', async () => {
    const ports = makeInMemoryRunPorts();
    const crashing = new CrashingDispatcher(ports.dispatcher, (job) => job.kind === 'review');
    const start = makeRunStart();
    const graphFor = freshGraphEachTime({ ...ports, dispatcher: crashing });
    const driver = new RunDriver(graphFor, ports.dispatcher, start.run.runId);
    const agent = new ScriptedAgent();

    let position = await driver.start(start);
    for (let i = 0; i < 3; i += 1)
      position = await driver.deliver(agent, driver.undelivered()[0] as AgentJob);
    const implement = driver.undelivered()[0] as AgentJob;
    const result = agent.answer(implement);
    driver.delivered.push(implement.jobId);

    // Applying the implement result sends the review job, and the process "dies" right after.
    await expect(driver.resume(result)).rejects.toThrow('simulated crash');
    expect(crashing.crashed).toBe(true);
    const reviewsSent = ports.dispatcher.sent.filter((j) => j.kind === 'review').length;

    // The broker redelivers the same result to a restarted orchestrator.
    position = await driver.resume(result);
    expect(ports.dispatcher.sent.filter((j) => j.kind === 'review')).toHaveLength(reviewsSent);
    expect(ports.dispatcher.calls).toBeGreaterThan(ports.dispatcher.sent.length);

    const end = await driver.drive(agent, position);
    expect(end.kind === 'finished' && end.state.outcome?.status).toBe('COMPLETED');
    expect(new Set(ports.dispatcher.sent.map((j) => j.jobId)).size).toBe(ports.dispatcher.sent.length);
    expect(end.kind === 'finished' && end.state.ignoredResults).toBe(0);
    expect(ports.reports.reports.get(start.run.runId)?.usage.tokens).toBe(12 * 150);
  });
});
