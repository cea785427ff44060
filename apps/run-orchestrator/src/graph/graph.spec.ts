import { MemorySaver } from '@langchain/langgraph';
import type { AgentJob, PlannedTask, RunConfigPatch } from '@shipyard/contracts';
import { InMemoryLedger, makeInMemoryRunPorts, type InMemoryRunPorts } from '../ports/testing';
import { buildRunGraph } from './graph';
import type { RunState } from './state';
import { makeRunStart } from './testing/make-run-start';
import { RunDriver, type RunPosition } from './testing/run-driver';
import { ScriptedAgent, type Script } from './testing/scripted-agent';

// Real graph and MemorySaver; every port is an in-memory fake and every agent a scripted one.

function setup(options: { config?: RunConfigPatch; ports?: Partial<InMemoryRunPorts> } = {}) {
  const ports = makeInMemoryRunPorts(options.ports);
  const graph = buildRunGraph(ports, { checkpointer: new MemorySaver() });
  const start = makeRunStart({ config: options.config ?? {} });
  const driver = new RunDriver(() => graph, ports.dispatcher, start.run.runId);
  return { ports, graph, start, driver };
}

function finished(position: RunPosition): RunState {
  if (position.kind !== 'finished') throw new Error(`run still waiting for ${position.wait.waitingFor.join(', ')}`);
  return position.state;
}

const kindsOf = (jobs: AgentJob[]) => jobs.map((j) => j.kind);

describe('run graph', () => {
  it('runs a two-task plan to COMPLETED and writes the final report', async () => {
    const { ports, start, driver } = setup();
    const end = finished(await driver.drive(new ScriptedAgent(), await driver.start(start)));

    expect(end.outcome).toEqual({ status: 'COMPLETED', reason: expect.any(String) });
    expect(kindsOf(ports.dispatcher.sent)).toEqual([
      'analyze_requirements',
      'create_tasks',
      'bootstrap_repo',
      'implement',
      'review',
      'test',
      'implement',
      'review',
      'test',
      'security_scan',
      'document',
      'prepare_deploy',
    ]);
    const report = ports.reports.reports.get(start.run.runId);
    expect(report?.outcome).toBe('COMPLETED');
    expect(report?.tasks.map((t) => [t.key, t.status])).toEqual([
      ['T1', 'DONE'],
      ['T2', 'DONE'],
    ]);
    expect(report?.usage.tokens).toBe(12 * 150);
    expect(Object.keys(report?.usage.byRole ?? {}).sort()).toEqual(['developer', 'devops', 'docs', 'lead', 'pm', 'qa', 'security']);
    expect(report?.phases.map((p) => p.phase)).toEqual(['analysis', 'planning', 'bootstrap', 'tasks', 'security', 'docs', 'devops']);
    expect(ports.events.ofType('run.status').map((e) => e.status)).toEqual(['COMPLETED']);
    const t1 = end.taskOrder[0] as string;
    expect(ports.tasks.statusOf(start.run.runId, t1)).toBe('DONE');
    expect(end.pending).toEqual({});
  });
});
