import { Command } from '@langchain/langgraph';
import type { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import { makeInMemoryRunPorts } from '../ports/testing';
import { buildRunGraph } from './graph';
import { runInvokeConfig, WAITING_NODES } from './invoke-config';
import { invokeUntilWait } from './invoke-until-wait';
import { NodeNames } from './node-names';
import { makeRunStart } from './testing/make-run-start';
import { RunDriver } from './testing/run-driver';
import { createPostgresSaver } from './testing/postgres-saver';
import { createScratchDatabase, type ScratchDatabase } from './testing/scratch-database';
import { ScriptedAgent } from './testing/scripted-agent';

// Real: PostgreSQL, LangGraph's PostgresSaver, the graph. Faked: the ports (in memory) and the agents
// (scripted). What is checked: the service's way of invoking (stop before a waiting node) reaches the same
// waits and the same end as LangGraph's plain interrupt-in-the-node, without the pass that only interrupts.

describe('invokeUntilWait', () => {
  let db: ScratchDatabase;
  let saver: PostgresSaver;

  beforeAll(async () => {
    db = await createScratchDatabase();
    saver = createPostgresSaver(db.url);
    await saver.setup();
  });

  afterAll(async () => {
    await saver.end();
    await db.drop();
  });

  it('stops before the waiting node, with its wait read from the state, and a resume reaches that node', async () => {
    const ports = makeInMemoryRunPorts();
    const graph = buildRunGraph(ports, { checkpointer: saver });
    const start = makeRunStart();
    const config = runInvokeConfig(start.run.runId);

    const first = await invokeUntilWait(graph, start, config);
    const [job] = ports.dispatcher.sent;
    expect(first).toMatchObject({ runId: start.run.runId, waitingFor: [job?.jobId], paused: null });
    const stopped = await graph.getState(config);
    // Stopped before pm_analyze_requirements ran again: no task of the checkpoint holds an interrupt.
    expect(stopped.next).toEqual([NodeNames.pmAnalyzeRequirements]);
    expect(stopped.tasks.flatMap((task) => task.interrupts)).toEqual([]);

    const agent = new ScriptedAgent();
    const second = await invokeUntilWait(graph, new Command({ resume: agent.answer(job!) }), config);
    // The result was applied (the PM's next job went out) and the run again waits before a waiting node.
    expect(ports.dispatcher.sent).toHaveLength(2);
    expect(second?.waitingFor).toEqual([ports.dispatcher.sent[1]?.jobId]);
    expect(WAITING_NODES).toContain((await graph.getState(config)).next[0]);
  });

  it('drives a run with review and QA loops to the same jobs, states and report as plain interrupts', async () => {
    const script = () =>
      new ScriptedAgent((job, call) => {
        if (job.kind === 'review' && call === 1)
          return { output: { approved: false, findings: [{ severity: 'high', message: 'missing test' }] } };
        if (job.kind === 'test' && call === 1)
          return { output: { passed: false, failures: [{ severity: 'medium', message: 'flaky' }] } };
        return undefined;
      });
    const drive = async (mode: 'service' | 'interrupts') => {
      const ports = makeInMemoryRunPorts();
      const graph = buildRunGraph(ports, { checkpointer: saver });
      const start = makeRunStart();
      const driver = new RunDriver(() => graph, ports.dispatcher, start.run.runId, mode);
      const end = await driver.drive(script(), await driver.start(start));
      const report = ports.reports.reports.get(start.run.runId);
      // Task ids are new in every run; their keys (T1, T2, ...) come from the plan.
      const keyOf = new Map(report?.tasks.map((task) => [task.taskId, task.key]));
      return {
        end: end.kind,
        outcome: end.kind === 'finished' ? end.state.outcome : null,
        jobs: ports.dispatcher.sent.map((job) => `${job.kind} ${keyOf.get(job.taskId ?? '') ?? '-'}`),
        tasks: report?.tasks.map((task) => [task.key, task.status, task.reviewIterations, task.fixCycles]),
        usage: report?.usage.tokens,
      };
    };

    const service = await drive('service');
    const interrupts = await drive('interrupts');
    expect(service.end).toBe('finished');
    expect(service.outcome?.status).toBe('COMPLETED');
    // Each task's first review and first QA fail: a fix after each.
    expect(service.jobs.filter((job) => job.startsWith('fix')).length).toBeGreaterThanOrEqual(2);
    expect(service).toEqual(interrupts);
  });
});
