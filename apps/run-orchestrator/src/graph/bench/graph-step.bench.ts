/**
 * Per-step cost of the run graph on LangGraph's own persistence: each agent step is one `interrupt()` and
 * one resume with `Command({ resume: result })`, checkpointed by PostgresSaver with durability "sync".
 * This is the in-process baseline issue 3's benchmark compares the orchestrator against; `measureGraphSteps`
 * is exported so `npm run bench` can run it next to our own figures.
 *
 *   npm run build && node_modules/.bin/node dist/apps/run-orchestrator/src/graph/bench/graph-step.bench.js
 *
 * Options (env): BENCH_TASKS (independent tasks per run, default 4), BENCH_RUNS_SERIAL (default 5),
 * BENCH_CONCURRENCY (default 16), DATABASE_URL (server; a scratch database is created on it and dropped).
 * Not a test: it prints JSON and asserts nothing.
 */
// The contracts' decorators need the metadata polyfill loaded before they are.
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { MemorySaver, type BaseCheckpointSaver } from '@langchain/langgraph';
import pg from 'pg';
import type { AgentJob, PlannedTask } from '@shipyard/contracts';
import { makeInMemoryRunPorts } from '../../ports/testing';
import { buildRunGraph } from '../graph';
import { makeRunStart } from '../testing/make-run-start';
import { RunDriver } from '../testing/run-driver';
import { createPostgresSaver } from '../testing/postgres-saver';
import { createScratchDatabase } from '../testing/scratch-database';
import { ScriptedAgent } from '../testing/scripted-agent';
import { summarizeLatencies, type LatencySummary } from '@shipyard/shared/test-utils';

export interface StepFigures {
  saver: 'postgres' | 'memory';
  concurrentRuns: number;
  runs: number;
  /** Resumes with an agent result: one per agent step. */
  resumedSteps: number;
  wallMs: number;
  stepsPerSecond: number;
  /**
   * This process's CPU time (user + system) per resumed step: the graph, LangGraph and the pg client, not
   * PostgreSQL. Less sensitive than wall time to a busy machine.
   */
  cpuMsPerStep: number;
  /** Latency of one resume (apply the result, send what it unlocked, checkpoint, reach the next wait). */
  resumeMs: LatencySummary;
}

export function independentPlan(tasks: number): PlannedTask[] {
  return Array.from({ length: tasks }, (_, i) => ({
    key: `T${i + 1}`,
    title: `Task ${i + 1}`,
    description: `Independent task ${i + 1}`,
    dependsOn: [],
    acceptanceCriteria: ['works'],
  }));
}

/**
 * Drives `runs` runs to completion, `concurrentRuns` at a time, through one saver and one graph (one
 * orchestrator process). Each run resolves its in-flight jobs oldest first.
 */
export async function measureGraphSteps(options: {
  saver: BaseCheckpointSaver;
  saverKind: StepFigures['saver'];
  runs: number;
  concurrentRuns: number;
  plan: PlannedTask[];
}): Promise<StepFigures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const worker = async (): Promise<void> => {
    while (next < options.runs) {
      next += 1;
      await oneRun(options.saver, options.plan, latencies);
    }
  };
  await Promise.all(Array.from({ length: options.concurrentRuns }, worker));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    saver: options.saverKind,
    concurrentRuns: options.concurrentRuns,
    runs: options.runs,
    resumedSteps: latencies.length,
    wallMs: round(wallMs),
    stepsPerSecond: round((latencies.length / wallMs) * 1000),
    cpuMsPerStep: round((cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length)),
    resumeMs: summarizeLatencies(latencies),
  };
}

async function oneRun(saver: BaseCheckpointSaver, plan: PlannedTask[], latencies: number[]): Promise<void> {
  const ports = makeInMemoryRunPorts();
  const graph = buildRunGraph(ports, { checkpointer: saver });
  const start = makeRunStart();
  const driver = new RunDriver(() => graph, ports.dispatcher, start.run.runId);
  const agent = new ScriptedAgent(undefined, plan);
  let position = await driver.start(start);
  while (position.kind === 'waiting') {
    const job = driver.undelivered()[0];
    if (!job) throw new Error('run waits with nothing in flight');
    const began = performance.now();
    position = await driver.deliver(agent, job satisfies AgentJob);
    latencies.push(performance.now() - began);
  }
  if (position.state.outcome?.status !== 'COMPLETED') {
    throw new Error(`bench run ended ${position.state.outcome?.status}: ${position.state.outcome?.reason}`);
  }
}

const round = (v: number) => Math.round(v * 100) / 100;

/**
 * Rows the checkpointer wrote per resumed step, after the warm-up and serial runs only: where the
 * round trips go (a checkpoint per super-step, writes per task and interrupt, blobs per changed channel).
 */
async function rowsPerStep(url: string, resumedSteps: number): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const figures: Record<string, number> = {};
    for (const table of ['checkpoints', 'checkpoint_writes', 'checkpoint_blobs']) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      figures[table] = round(Number(rows[0]?.n ?? 0) / resumedSteps);
    }
    return figures;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const tasks = Number(process.env['BENCH_TASKS'] ?? 4);
  const serialRuns = Number(process.env['BENCH_RUNS_SERIAL'] ?? 5);
  const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
  const plan = independentPlan(tasks);
  const db = await createScratchDatabase();
  const postgres = createPostgresSaver(db.url);
  try {
    await postgres.setup();
    // Warm-up (JIT, pool connections, prepared plans) is measured but not reported.
    const warmUp = await measureGraphSteps({
      saver: postgres,
      saverKind: 'postgres',
      runs: 2,
      concurrentRuns: 1,
      plan,
    });
    const memory = await measureGraphSteps({
      saver: new MemorySaver(),
      saverKind: 'memory',
      runs: serialRuns,
      concurrentRuns: 1,
      plan,
    });
    const postgresOneRun = await measureGraphSteps({
      saver: postgres,
      saverKind: 'postgres',
      runs: serialRuns,
      concurrentRuns: 1,
      plan,
    });
    const rows = await rowsPerStep(db.url, warmUp.resumedSteps + postgresOneRun.resumedSteps);
    const postgresConcurrent = await measureGraphSteps({
      saver: postgres,
      saverKind: 'postgres',
      runs: concurrency * 2,
      concurrentRuns: concurrency,
      plan,
    });
    const results = {
      benchmark: 'run-graph in-process interrupt/Command baseline',
      node: process.version,
      loadAverage: loadavg().map(round),
      tasksPerRun: tasks,
      durability: 'sync',
      memory,
      postgresOneRun,
      postgresRowsPerResumedStep: rows,
      postgresConcurrent,
    };
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await postgres.end();
    await db.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
