import { MemorySaver } from '@langchain/langgraph';
import type { AgentJob, PlannedTask, RunConfigPatch } from '@shipyard/contracts';
import { InMemoryLedger, makeInMemoryRunPorts, type InMemoryRunPorts } from '../ports/testing';
import { buildRunGraph } from './graph';
import type { RunState } from './state';
import { makeRunStart } from './testing/make-run-start';
import { RunDriver, type RunPosition } from './testing/run-driver';
import { ScriptedAgent } from './testing/scripted-agent';

// Real graph and MemorySaver; every port is an in-memory fake and every agent a scripted one.

function setup(options: { config?: RunConfigPatch; ports?: Partial<InMemoryRunPorts> } = {}) {
  const ports = makeInMemoryRunPorts(options.ports);
  const graph = buildRunGraph(ports, { checkpointer: new MemorySaver() });
  const start = makeRunStart({ config: options.config ?? {} });
  const driver = new RunDriver(() => graph, ports.dispatcher, start.run.runId);
  return { ports, graph, start, driver };
}

function finished(position: RunPosition): RunState {
  if (position.kind !== 'finished')
    throw new Error(`run still waiting for ${position.wait.waitingFor.join(', ')}`);
  return position.state;
}

const kindsOf = (jobs: AgentJob[]) => jobs.map((j) => j.kind);
/** The plan key of a task job (its input carries the task), or undefined for run-level jobs. */
const taskKeyOf = (job: AgentJob) => (job.input['task'] as { key?: string } | undefined)?.key;

describe('run graph', () => {
  it('runs a two-task plan to COMPLETED and writes the final report', async () => {
    const { ports, start, driver } = setup();
    const end = finished(await driver.drive(new ScriptedAgent(), await driver.start(start)));

    expect(end.outcome?.status).toBe('COMPLETED');
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
    expect(Object.keys(report?.usage.byRole ?? {}).sort()).toEqual([
      'developer',
      'devops',
      'docs',
      'lead',
      'pm',
      'qa',
      'security',
    ]);
    expect(report?.phases.map((p) => p.phase)).toEqual([
      'analysis',
      'planning',
      'bootstrap',
      'tasks',
      'security',
      'docs',
      'devops',
    ]);
    expect(ports.events.ofType('run.status').map((e) => e.status)).toEqual(['COMPLETED']);
    const t1 = end.taskOrder[0] as string;
    expect(ports.tasks.statusOf(start.run.runId, t1)).toBe('DONE');
    expect(end.pending).toEqual({});
  });

  it('sends independent tasks together and holds a chained task until its dependencies are done', async () => {
    const plan: PlannedTask[] = [
      { key: 'A', title: 'A', description: 'a', dependsOn: [], acceptanceCriteria: [] },
      { key: 'B', title: 'B', description: 'b', dependsOn: [], acceptanceCriteria: [] },
      { key: 'C', title: 'C', description: 'c', dependsOn: ['A', 'B'], acceptanceCriteria: [] },
    ];
    const { ports, start, driver } = setup();
    const agent = new ScriptedAgent(undefined, plan);
    // Deliver analysis, plan and bootstrap, then look at what is in flight.
    let position = await driver.start(start);
    for (let i = 0; i < 3; i += 1)
      position = await driver.deliver(agent, driver.undelivered()[0] as AgentJob);

    const inFlight = driver.undelivered();
    expect(kindsOf(inFlight)).toEqual(['implement', 'implement']);
    expect(position.kind === 'waiting' && position.wait.waitingFor.length).toBe(2);

    // Newest first, so results come back out of order.
    const end = finished(await driver.drive(agent, position, { pick: (jobs) => jobs.at(-1) as AgentJob }));
    expect(end.outcome?.status).toBe('COMPLETED');
    const keyOf = (job: AgentJob) => end.tasks[job.taskId ?? '']?.key;
    const sent = ports.dispatcher.sent;
    const firstOfC = sent.findIndex((j) => keyOf(j) === 'C');
    const lastTestOf = (key: string) => sent.findLastIndex((j) => keyOf(j) === key && j.kind === 'test');
    expect(firstOfC).toBeGreaterThan(lastTestOf('A'));
    expect(firstOfC).toBeGreaterThan(lastTestOf('B'));
  });

  it('applies a result once when it is delivered twice, and ignores a stale attempt', async () => {
    const { ports, start, driver } = setup();
    const agent = new ScriptedAgent((job, call) =>
      job.kind === 'implement' && taskKeyOf(job) === 'T1' && call === 1
        ? { status: 'failed', failure: { message: 'flaky tool', retryable: true } }
        : undefined,
    );
    let position = await driver.start(start);
    for (let i = 0; i < 3; i += 1)
      position = await driver.deliver(agent, driver.undelivered()[0] as AgentJob);

    // The first implement attempt fails retryably: attempt 2 goes out.
    const attempt1 = driver.undelivered()[0] as AgentJob;
    const failed = agent.answer(attempt1);
    driver.delivered.push(attempt1.jobId);
    position = await driver.resume(failed);
    const attempt2 = driver.undelivered()[0] as AgentJob;
    expect(attempt2.attempt).toBe(attempt1.attempt + 1);
    expect(attempt2.jobId).not.toBe(attempt1.jobId);

    // The same failure again, then attempt 2's success twice: only the first success counts.
    await driver.resume(failed);
    const success = agent.answer(attempt2);
    driver.delivered.push(attempt2.jobId);
    await driver.resume(success);
    const recorded = ports.ledger.recordedJobs();
    position = await driver.resume(success);
    expect(ports.ledger.recordedJobs()).toBe(recorded);

    const end = finished(await driver.drive(agent, position));
    expect(end.outcome?.status).toBe('COMPLETED');
    expect(end.ignoredResults).toBe(2);
    expect(ports.events.ofType('run.warning').filter((w) => w.code === 'RESULT_IGNORED')).toHaveLength(2);
    const report = ports.reports.reports.get(start.run.runId);
    expect(report?.usage.tokens).toBe(13 * 150);
    expect(kindsOf(ports.dispatcher.sent).filter((k) => k === 'review')).toHaveLength(2);
    // The retried implementation started once, as far as its task's watchers can tell.
    const started = ports.events
      .ofType('task.changed')
      .filter((e) => e.taskId === attempt1.taskId && e.status === 'IN_PROGRESS');
    expect(started.map((e) => e.reason)).toEqual(['implementation started']);
  });

  it('sends a task back for fixes while review rounds remain, with the findings', async () => {
    const { ports, start, driver } = setup({ config: { review: { maxIterations: 3 } } });
    const agent = new ScriptedAgent((job, call) =>
      job.kind === 'review' && taskKeyOf(job) === 'T1' && call === 1
        ? { output: { approved: false, findings: [{ severity: 'high', message: 'no input validation' }] } }
        : undefined,
    );
    const end = finished(await driver.drive(agent, await driver.start(start)));
    expect(end.outcome?.status).toBe('COMPLETED');
    const fix = ports.dispatcher.sent.find((j) => j.kind === 'fix');
    expect(fix?.role).toBe('developer');
    expect(fix?.input['findings']).toEqual([{ severity: 'high', message: 'no input validation' }]);
    const report = ports.reports.reports.get(start.run.runId);
    expect(report?.tasks.map((t) => [t.reviewIterations, t.fixCycles])).toEqual([
      [2, 1],
      [1, 0],
    ]);
  });

  it('fails the task and the run when the last review round still rejects', async () => {
    const { ports, start, driver } = setup({ config: { review: { maxIterations: 2 } } });
    const agent = new ScriptedAgent((job) =>
      job.kind === 'review'
        ? { output: { approved: false, findings: [{ severity: 'medium', message: 'naming' }] } }
        : undefined,
    );
    const end = finished(await driver.drive(agent, await driver.start(start)));
    expect(end.outcome?.status).toBe('FAILED');
    expect(end.outcome?.reason).toMatch(/task T1 .*round 2 of 2/);
    expect(kindsOf(ports.dispatcher.sent).slice(3)).toEqual(['implement', 'review', 'fix', 'review']);
    const report = ports.reports.reports.get(start.run.runId);
    expect(report?.tasks.map((t) => t.status)).toEqual(['FAILED', 'CANCELLED']);
    expect(ports.tasks.statusOf(start.run.runId, end.taskOrder[1] as string)).toBe('CANCELLED');
    expect(ports.events.ofType('run.status').at(-1)?.status).toBe('FAILED');
  });

  it('sends a task back for a fix when QA fails, then passes it', async () => {
    const { ports, start, driver } = setup();
    const agent = new ScriptedAgent((job, call) =>
      job.kind === 'test' && taskKeyOf(job) === 'T1' && call === 1
        ? { output: { passed: false, testsRun: 4, failures: ['completes twice'] } }
        : undefined,
    );
    const end = finished(await driver.drive(agent, await driver.start(start)));
    expect(end.outcome?.status).toBe('COMPLETED');
    expect(kindsOf(ports.dispatcher.sent).slice(3, 9)).toEqual([
      'implement',
      'review',
      'test',
      'fix',
      'review',
      'test',
    ]);
  });

  it('loops through security fixes while findings at the gate remain, then moves on', async () => {
    const { ports, start, driver } = setup({ config: { security: { gate: 'block_high', maxFixCycles: 2 } } });
    const agent = new ScriptedAgent((job, call) =>
      job.kind === 'security_scan' && call === 1
        ? { output: { findings: [{ severity: 'high', rule: 'sql-injection', message: 'raw SQL' }] } }
        : undefined,
    );
    const end = finished(await driver.drive(agent, await driver.start(start)));
    expect(end.outcome?.status).toBe('COMPLETED');
    expect(kindsOf(ports.dispatcher.sent).slice(-5)).toEqual([
      'security_scan',
      'fix',
      'security_scan',
      'document',
      'prepare_deploy',
    ]);
    const fix = ports.dispatcher.sent.find((j) => j.kind === 'fix');
    expect(fix?.input['findings']).toEqual([{ severity: 'high', rule: 'sql-injection', message: 'raw SQL' }]);
    expect(ports.reports.reports.get(start.run.runId)?.securityFixCycles).toBe(1);
  });

  it('fails the run when security fix cycles are used up', async () => {
    const { ports, start, driver } = setup({
      config: { security: { gate: 'block_critical', maxFixCycles: 1 } },
    });
    const agent = new ScriptedAgent((job) =>
      job.kind === 'security_scan'
        ? { output: { findings: [{ severity: 'critical', rule: 'secret', message: 'hard-coded key' }] } }
        : undefined,
    );
    const end = finished(await driver.drive(agent, await driver.start(start)));
    expect(end.outcome?.status).toBe('FAILED');
    expect(end.outcome?.reason).toMatch(
      /security gate block_critical: 1 blocking findings remain after 1 of 1 fix cycles/,
    );
    expect(kindsOf(ports.dispatcher.sent).slice(-3)).toEqual(['security_scan', 'fix', 'security_scan']);
    expect(ports.reports.reports.get(start.run.runId)?.securityFindings).toEqual([
      { severity: 'critical', rule: 'secret', message: 'hard-coded key' },
    ]);
  });

  it('stops on the token budget before sending a job that would go past it', async () => {
    const ledger = new InMemoryLedger(undefined, { tokens: 100, costUsd: 0 });
    const { ports, start, driver } = setup({
      config: { budget: { maxTokens: 500, onExceed: 'stop' } },
      ports: { ledger },
    });
    const end = finished(await driver.drive(new ScriptedAgent(), await driver.start(start)));
    // 3 jobs spend 450; the 4th is estimated at 100 and would end at 550.
    expect(end.outcome?.status).toBe('STOPPED_BUDGET');
    expect(end.outcome?.reason).toMatch(/token budget 500/);
    expect(ports.dispatcher.sent).toHaveLength(3);
    expect(ports.reports.reports.get(start.run.runId)?.usage.tokens).toBe(450);
  });

  describe('job allowances: the budget is a bound, not a forecast', () => {
    // Every job is estimated at 100 tokens and may take twice that (its ceiling) while the budget has room.
    const sized = () => new InMemoryLedger(undefined, { tokens: 100, costUsd: 0 });
    /** The analysis needs 350 tokens, more than its first allowance; everything else the default 150. */
    const chattyAnalysis = () =>
      new ScriptedAgent((job) =>
        job.kind === 'analyze_requirements' ? { tokens: { prompt: 250, completion: 100 } } : undefined,
      );

    it('sends a job that stopped at its allowance again with a larger one, and the run completes', async () => {
      const { ports, start, driver } = setup({
        config: { budget: { maxTokens: 1_000_000, onExceed: 'stop' } },
        ports: { ledger: sized() },
      });
      const end = finished(await driver.drive(chattyAnalysis(), await driver.start(start)));
      expect(end.outcome?.status).toBe('COMPLETED');
      const sent = ports.dispatcher.sent;
      expect(kindsOf(sent).slice(0, 3)).toEqual([
        'analyze_requirements',
        'analyze_requirements',
        'create_tasks',
      ]);
      expect(sent.slice(0, 3).map((job) => [job.attempt, job.allowance?.tokens])).toEqual([
        [1, 200],
        [2, 400],
        // A kind that has not overrun starts from the largest scale any kind has needed.
        [1, 400],
      ]);
      expect(ports.events.ofType('run.warning').map((w) => w.code)).toEqual(['ALLOWANCE_EXHAUSTED']);
      // The stopped attempt's tokens count; it is not a failure of the step.
      expect(end.steps.pm_analyze_requirements?.failedJobs).toBe(0);
      expect(ports.reports.reports.get(start.run.runId)?.usage.tokens).toBe(200 + 350 + 11 * 150);
    });

    it('stops the run on its budget when the job needs more than the budget has left, without passing it', async () => {
      const { ports, start, driver } = setup({
        config: { budget: { maxTokens: 500, onExceed: 'stop' } },
        ports: { ledger: sized() },
      });
      const end = finished(await driver.drive(chattyAnalysis(), await driver.start(start)));
      // 200 of 500 on the first attempt; the second may take only the 300 left, stops there; nothing is left.
      expect(end.outcome?.status).toBe('STOPPED_BUDGET');
      expect(end.outcome?.reason).toMatch(/token budget 500/);
      expect(ports.dispatcher.sent.map((job) => job.allowance?.tokens)).toEqual([200, 300]);
      expect(ports.reports.reports.get(start.run.runId)?.usage.tokens).toBe(500);
    });

    it('pauses instead when the budget says so, and a raised budget gives the job what it needs', async () => {
      const { ports, start, driver } = setup({
        config: { budget: { maxTokens: 500, onExceed: 'pause' } },
        ports: { ledger: sized() },
      });
      const agent = chattyAnalysis();
      const paused = await driver.drive(agent, await driver.start(start));
      expect(paused.kind === 'waiting' && paused.wait.paused?.reason).toBe('budget');
      ports.control.raiseBudget(start.run.runId, { maxTokens: 100_000, maxCostUsd: 25, onExceed: 'pause' });
      const end = finished(await driver.drive(agent, await driver.resume({ wake: 'control' })));
      expect(end.outcome?.status).toBe('COMPLETED');
      expect(ports.dispatcher.sent.slice(0, 3).map((job) => job.allowance?.tokens)).toEqual([200, 300, 800]);
      expect(ports.reports.reports.get(start.run.runId)?.usage.tokens).toBe(200 + 300 + 350 + 11 * 150);
    });

    it('fails the step with the reason once the kind has grown as far as it may and still does not fit', async () => {
      const { ports, start, driver } = setup({
        config: { budget: { maxTokens: 100_000_000, onExceed: 'stop' } },
        ports: { ledger: sized() },
      });
      const agent = new ScriptedAgent((job) =>
        job.kind === 'analyze_requirements' ? { tokens: { prompt: 1_000_000, completion: 1 } } : undefined,
      );
      const end = finished(await driver.drive(agent, await driver.start(start)));
      expect(end.outcome?.status).toBe('FAILED');
      expect(end.outcome?.reason).toMatch(
        /pm_analyze_requirements: .*stopped at its allowance of 12800 tokens/,
      );
      // Doubling from 1 to 64: seven attempts, 200 to 12,800 tokens.
      expect(ports.dispatcher.sent.map((job) => job.allowance?.tokens)).toEqual([
        200, 400, 800, 1600, 3200, 6400, 12_800,
      ]);
    });

    it('never lets the allowances of jobs in flight together pass what the budget has left', async () => {
      const plan: PlannedTask[] = [
        { key: 'A', title: 'A', description: 'a', dependsOn: [], acceptanceCriteria: [] },
        { key: 'B', title: 'B', description: 'b', dependsOn: [], acceptanceCriteria: [] },
      ];
      // 450 spent on analysis, planning and bootstrap; 350 left for two implementations sent together.
      const { ports, start, driver } = setup({
        config: { budget: { maxTokens: 800, onExceed: 'stop' } },
        ports: { ledger: sized() },
      });
      const end = finished(await driver.drive(new ScriptedAgent(undefined, plan), await driver.start(start)));
      const implementations = ports.dispatcher.sent.filter((job) => job.kind === 'implement');
      expect(implementations.map((job) => job.allowance?.tokens)).toEqual([200, 150]);
      expect(end.outcome?.status).toBe('STOPPED_BUDGET');
      expect(ports.reports.reports.get(start.run.runId)?.usage.tokens).toBeLessThanOrEqual(800);
    });

    it('holds back a job the budget can pay for while the allowances in flight hold its room, instead of stopping', async () => {
      const plan: PlannedTask[] = ['A', 'B', 'C'].map((key) => ({
        key,
        title: key,
        description: key,
        dependsOn: [],
        acceptanceCriteria: [],
      }));
      // Every job spends exactly its estimate (100) and may take 200. 300 are spent by the bootstrap.
      const agent = new ScriptedAgent(() => ({ tokens: { prompt: 70, completion: 30 } }), plan);
      const { ports, start, driver } = setup({
        config: { budget: { maxTokens: 700, onExceed: 'stop' } },
        ports: { ledger: sized() },
      });
      let position = await driver.start(start);
      for (let step = 0; step < 3; step++)
        position = await driver.deliver(agent, driver.undelivered()[0] as AgentJob);
      // A and B hold 200 each of the 400 left. C would be expected to bring the run to 600 of 700, so the
      // budget can pay for it: it waits for room rather than ending the run.
      expect(position.kind).toBe('waiting');
      expect(driver.undelivered().map((job) => [taskKeyOf(job), job.allowance?.tokens])).toEqual([
        ['A', 200],
        ['B', 200],
      ]);
      expect(ports.events.ofType('run.status')).toEqual([]);
      // A comes back having spent 100 of its 200: its review gets the room first (tasks in plan order).
      position = await driver.deliver(agent, driver.undelivered()[0] as AgentJob);
      expect(driver.undelivered().map((job) => [job.kind, taskKeyOf(job), job.allowance?.tokens])).toEqual([
        ['implement', 'B', 200],
        ['review', 'A', 100],
      ]);
      const end = finished(await driver.drive(agent, position));
      expect(end.outcome?.status).toBe('STOPPED_BUDGET');
      expect(ports.reports.reports.get(start.run.runId)?.usage.tokens).toBeLessThanOrEqual(700);
    });
  });

  it('stops on the cost budget', async () => {
    // 100 prompt + 50 completion tokens at $1/$2 per MTok: $0.0002 a job.
    const { ports, start, driver } = setup({ config: { budget: { maxCostUsd: 0.0005, onExceed: 'stop' } } });
    const end = finished(await driver.drive(new ScriptedAgent(), await driver.start(start)));
    expect(end.outcome?.status).toBe('STOPPED_BUDGET');
    expect(end.outcome?.reason).toMatch(/cost budget \$0.0005/);
    expect(ports.dispatcher.sent).toHaveLength(3);
  });

  it('pauses on the budget until a user raises it, then goes on', async () => {
    const { ports, start, driver } = setup({ config: { budget: { maxTokens: 500, onExceed: 'pause' } } });
    const paused = await driver.drive(new ScriptedAgent(), await driver.start(start));
    expect(paused.kind === 'waiting' && paused.wait.paused?.reason).toBe('budget');
    expect(driver.undelivered()).toEqual([]);
    expect(ports.events.ofType('run.status').map((e) => e.status)).toEqual(['PAUSED']);

    // A nudge with nothing changed keeps it paused and sends nothing.
    const sent = ports.dispatcher.sent.length;
    const still = await driver.resume({ wake: 'control' });
    expect(still.kind === 'waiting' && still.wait.paused?.reason).toBe('budget');
    expect(ports.dispatcher.sent).toHaveLength(sent);

    ports.control.raiseBudget(start.run.runId, { maxTokens: 1_000_000, maxCostUsd: 100, onExceed: 'pause' });
    const end = finished(await driver.drive(new ScriptedAgent(), await driver.resume({ wake: 'control' })));
    expect(end.outcome?.status).toBe('COMPLETED');
    expect(ports.events.ofType('run.status').map((e) => e.status)).toEqual([
      'PAUSED',
      'RUNNING',
      'COMPLETED',
    ]);
    expect(ports.reports.reports.get(start.run.runId)?.phases.map((p) => p.phase)).toContain('paused');
  });

  it('goes on past the budget with a warning after a user resumes a budget pause as it is', async () => {
    const { ports, start, driver } = setup({ config: { budget: { maxTokens: 500, onExceed: 'pause' } } });
    await driver.drive(new ScriptedAgent(), await driver.start(start));
    ports.control.resume(start.run.runId);
    const end = finished(await driver.drive(new ScriptedAgent(), await driver.resume({ wake: 'control' })));
    expect(end.outcome?.status).toBe('COMPLETED');
    expect(ports.events.ofType('run.warning').map((w) => w.code)).toEqual(['BUDGET_EXCEEDED']);
  });

  it('warns once and goes on when the budget says warn', async () => {
    const { ports, start, driver } = setup({ config: { budget: { maxTokens: 500, onExceed: 'warn' } } });
    const end = finished(await driver.drive(new ScriptedAgent(), await driver.start(start)));
    expect(end.outcome?.status).toBe('COMPLETED');
    expect(ports.dispatcher.sent).toHaveLength(12);
    expect(ports.events.ofType('run.warning').map((w) => w.code)).toEqual(['BUDGET_EXCEEDED']);
  });

  it('ends in STOPPED_TIMEOUT when the deadline passes while the run waits', async () => {
    const { ports, start, driver } = setup({ config: { deadlineMinutes: 30 } });
    const waiting = await driver.start(start);
    expect(waiting.kind === 'waiting' && waiting.wait.deadlineAt).toBe('2026-01-01T00:30:00.000Z');
    ports.clock.advance(30 * 60_000);
    const end = finished(await driver.resume({ wake: 'control' }));
    expect(end.outcome?.status).toBe('STOPPED_TIMEOUT');
    expect(ports.reports.reports.get(start.run.runId)?.outcome).toBe('STOPPED_TIMEOUT');
  });

  it('pauses at the next node boundary, still applies the job in flight, and resumes', async () => {
    const { ports, start, driver } = setup();
    const agent = new ScriptedAgent();
    await driver.start(start);
    ports.control.pause(start.run.runId);
    const paused = await driver.deliver(agent, driver.undelivered()[0] as AgentJob);
    expect(paused.kind === 'waiting' && paused.wait.paused?.reason).toBe('user');
    expect(driver.undelivered()).toEqual([]);
    ports.control.resume(start.run.runId);
    const end = finished(await driver.drive(agent, await driver.resume({ wake: 'control' })));
    expect(end.outcome?.status).toBe('COMPLETED');
    expect(end.analysis?.summary).toBe('A todo API');
  });

  it('stops at the next node boundary when a user stops the run', async () => {
    const { ports, start, driver } = setup();
    const agent = new ScriptedAgent();
    await driver.start(start);
    for (let i = 0; i < 4; i += 1) await driver.deliver(agent, driver.undelivered()[0] as AgentJob);
    ports.control.stop(start.run.runId);
    const sent = ports.dispatcher.sent.length;
    const end = finished(await driver.resume({ wake: 'control' }));
    expect(end.outcome).toEqual({ status: 'STOPPED_USER', reason: 'stopped by a user' });
    expect(ports.dispatcher.sent).toHaveLength(sent);
    expect(ports.reports.reports.get(start.run.runId)?.tasks.map((t) => t.status)).toEqual([
      'CANCELLED',
      'CANCELLED',
    ]);

    // A result still in flight when the run stopped changes nothing afterwards.
    const late = driver.undelivered()[0];
    if (!late) throw new Error('expected a job in flight at the stop');
    const after = finished(await driver.deliver(agent, late));
    expect(after.outcome?.status).toBe('STOPPED_USER');
    expect(ports.dispatcher.sent).toHaveLength(sent);
    expect(ports.reports.writes).toBe(1);
  });

  it('fails the run when an agent reports a failure that cannot be retried', async () => {
    const { start, driver } = setup();
    const agent = new ScriptedAgent((job) =>
      job.kind === 'bootstrap_repo'
        ? { status: 'failed', failure: { message: 'dead-lettered after 5 deliveries', retryable: false } }
        : undefined,
    );
    const end = finished(await driver.drive(agent, await driver.start(start)));
    expect(end.outcome?.status).toBe('FAILED');
    expect(end.outcome?.reason).toBe(
      'bootstrap_repo: job failed (not retryable): dead-lettered after 5 deliveries',
    );
  });

  it('asks the PM again for an invalid plan and fails once retries are used up', async () => {
    const cyclic: PlannedTask[] = [
      { key: 'X', title: 'X', description: 'x', dependsOn: ['Y'], acceptanceCriteria: [] },
      { key: 'Y', title: 'Y', description: 'y', dependsOn: ['X'], acceptanceCriteria: [] },
    ];
    const { ports, start, driver } = setup();
    const end = finished(await driver.drive(new ScriptedAgent(undefined, cyclic), await driver.start(start)));
    expect(end.outcome?.status).toBe('FAILED');
    expect(end.outcome?.reason).toMatch(/dependency cycle: X -> Y -> X/);
    expect(kindsOf(ports.dispatcher.sent)).toEqual([
      'analyze_requirements',
      'create_tasks',
      'create_tasks',
      'create_tasks',
    ]);
  });

  it('never drops a result that arrives when a pause has just been lifted', async () => {
    const plan: PlannedTask[] = [
      { key: 'A', title: 'A', description: 'a', dependsOn: [], acceptanceCriteria: [] },
      { key: 'B', title: 'B', description: 'b', dependsOn: [], acceptanceCriteria: [] },
    ];
    const { ports, start, driver } = setup();
    const agent = new ScriptedAgent(undefined, plan);
    await driver.start(start);
    for (let i = 0; i < 3; i += 1) await driver.deliver(agent, driver.undelivered()[0] as AgentJob);
    const [implementA, implementB] = driver.undelivered();
    if (!implementA || !implementB) throw new Error('expected two implement jobs in flight');

    // Paused with both in flight: A's result is applied, its review is held back.
    ports.control.pause(start.run.runId);
    await driver.resume({ wake: 'control' });
    const held = await driver.deliver(agent, implementA);
    expect(held.kind === 'waiting' && held.wait.paused?.reason).toBe('user');
    expect(driver.undelivered().map((j) => j.jobId)).toEqual([implementB.jobId]);

    // The user resumes, and B's result reaches the graph before the service's nudge does.
    ports.control.resume(start.run.runId);
    const running = await driver.deliver(agent, implementB);
    expect(running.kind === 'waiting' && running.wait.paused).toBeNull();
    expect(kindsOf(driver.undelivered())).toEqual(['review', 'review']);

    const end = finished(await driver.drive(agent, await driver.resume({ wake: 'control' })));
    expect(end.outcome?.status).toBe('COMPLETED');
    expect(end.ignoredResults).toBe(0);
    expect(ports.events.ofType('run.status').map((e) => e.status)).toEqual([
      'PAUSED',
      'RUNNING',
      'COMPLETED',
    ]);
  });
});
