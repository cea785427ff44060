/**
 * Orchestration overhead and throughput of the run orchestrator against zero-latency scripted agents
 * (issue 3, item 11), next to the in-process baseline (the same graph on PostgresSaver, interrupt/Command).
 * Not a test: it asserts nothing, prints JSON and writes it to bench-results/orchestration.json.
 *
 *   node <build>/apps/run-orchestrator/src/bench/orchestration.bench.js
 *
 * Measured:
 * - idle: one run at a time whose tasks form a chain (one job in flight), the time from a result's PubAck
 *   to the run's next job reaching a worker, p50/p99 over every step of the measured runs, after warm-up
 *   runs (reported apart);
 * - sustained: 1, 50 and 200 runs at once (independent tasks), agent steps per second = jobs applied /
 *   wall time from seeding the runs to the last run ending;
 * - parallel efficiency: one run of independent chains with 200 ms per model call, critical path / wall time.
 * Setup: the orchestrator runs in this process (started with the service's node flags, ServiceNodeFlags),
 * the zero-latency scripted agents in a child process (as the agent services run beside it), PostgreSQL and
 * NATS JetStream (file store) are the machine's; all share its cores. `cpuMsPerStep` is this process's CPU
 * per applied result: the orchestrator's, and the bench's own polling for the runs' ends. Env: DATABASE_URL
 * (server), NATS_URL, BENCH_CHAIN_TASKS (default 20), BENCH_IDLE_RUNS (default 10), BENCH_WARMUP_RUNS
 * (default 5), BENCH_LOADS (default "1,50,200"), BENCH_TICK_MS (default: the service's ORCHESTRATOR_TICK_MS),
 * BENCH_SKIP_BASELINE=1.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import pino from 'pino';
import { nodeFlagsOf, TerminalRunStatuses } from '@shipyard/contracts';
import { parseConfig } from '@shipyard/shared/config';
import { deleteJobStreams } from '@shipyard/shared/jetstream';
import { PriceTable } from '@shipyard/shared/llm';
import { runMigrations } from '@shipyard/shared/persistence';
import { RunOrchestratorConfig } from '../config.schema';
import { Orchestrator } from '../driver/orchestrator';
import { independentPlan, measureGraphSteps } from '../graph/bench/graph-step.bench';
import { createPostgresSaver } from '../graph/testing/postgres-saver';
import { createScratchDatabase } from '../graph/testing/scratch-database';
import { runConfigWith, seedQueuedRun, seedQueuedRuns } from '../testing/seed-run';
import { announceRun } from '../testing/announce-run';
import { BenchWorkersProcess } from './bench-workers-process';
import { recordGcPauses, type GcPauses } from './gc-pauses';
import { chainsPlan, measureParallelEfficiency } from './parallel-efficiency';
import { pollUntil, summarizeLatencies } from '@shipyard/shared/test-utils';

const round = (n: number) => Math.round(n * 100) / 100;

async function waitAllEnded(sql: pg.Pool, runIds: string[], timeoutMs: number): Promise<void> {
  await pollUntil(
    async () => {
      const { rows } = await sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM project_runs WHERE id = ANY($1::uuid[]) AND status = ANY($2::text[])`,
        [runIds, TerminalRunStatuses],
      );
      return Number(rows[0]?.n) === runIds.length;
    },
    { timeoutMs, intervalMs: 20, description: `${runIds.length} runs to end` },
  );
}

/** Agent steps of these runs: every job the orchestrator sent is one result applied. */
async function countJobs(sql: pg.Pool, runIds: string[]): Promise<number> {
  const { rows } = await sql.query<{ n: string }>(
    `SELECT count(*) AS n FROM run_jobs WHERE run_id = ANY($1::uuid[])`,
    [runIds],
  );
  return Number(rows[0]?.n);
}

async function main(): Promise<void> {
  // The orchestrator runs in this process, so this process needs the service's V8 flags to measure it as
  // deployed (`npm run bench` passes them).
  const missingFlags = nodeFlagsOf('run-orchestrator').filter((flag) => !process.execArgv.includes(flag));
  if (missingFlags.length > 0) {
    console.error(`warning: started without the run orchestrator's node flags ${missingFlags.join(' ')}`);
  }
  const chainTasks = Number(process.env['BENCH_CHAIN_TASKS'] ?? 20);
  // Ten runs of 65 steps: a p99 over 195 samples (three runs) was little more than the third-worst step.
  const idleRuns = Number(process.env['BENCH_IDLE_RUNS'] ?? 10);
  // Five runs first, reported apart: the first ~300 steps of a fresh process had thirteen gaps over 10 ms
  // where each later 325 had two or three (a 30-run trace, seventh session), most likely code not yet
  // optimised (step kinds that come once a run, the PM's two, bootstrap, security, docs, devops, were among
  // the slowest).
  const warmUpRuns = Number(process.env['BENCH_WARMUP_RUNS'] ?? 5);
  const loads = (process.env['BENCH_LOADS'] ?? '1,50,200').split(',').map(Number);
  const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const db = await createScratchDatabase();
  await runMigrations(db.url);
  const sql = new pg.Pool({ connectionString: db.url, max: 4 });
  const nc = await connect({ servers: natsUrl, noAsyncTraces: true });
  const prefix = `bench${randomBytes(4).toString('hex')}.`;
  const config = parseConfig(RunOrchestratorConfig, {
    DATABASE_URL: db.url,
    NATS_URL: natsUrl,
    NATS_SUBJECT_PREFIX: prefix,
    DATABASE_POOL_SIZE: '20',
    ORCHESTRATOR_RESULT_CONCURRENCY: '64',
    // The service's own tick unless asked otherwise: a tick is a few statements on the step's connections
    // and cores, so a faster one than production's measures a busier orchestrator than the one deployed.
    ...(process.env['BENCH_TICK_MS'] ? { ORCHESTRATOR_TICK_MS: process.env['BENCH_TICK_MS'] } : {}),
    ORCHESTRATOR_ESTIMATE_PROMPT_TOKENS: '0',
    ORCHESTRATOR_ESTIMATE_COMPLETION_TOKENS: '0',
    LOG_LEVEL: 'silent',
  });
  const orchestrator = await Orchestrator.start({
    config,
    prices: new PriceTable({}, { prompt: 1, completion: 2 }),
    logger: pino({ level: 'warn' }),
  });
  const runConfig = runConfigWith({ budget: { maxTokens: 1_000_000_000, maxCostUsd: 1_000_000 } });
  try {
    // Idle: one chained run at a time.
    const idleWorkers = new BenchWorkersProcess(natsUrl, orchestrator.topology, chainsPlan(1, chainTasks));
    await idleWorkers.start(4);
    const gaps: number[] = [];
    const warmUpGaps: number[] = [];
    let idleGc: { stop(): GcPauses } | null = null;
    let idleCpuBefore: NodeJS.CpuUsage | null = null;
    const measuredRunIds: string[] = [];
    for (let i = 0; i < warmUpRuns + idleRuns; i += 1) {
      const measured = i >= warmUpRuns;
      // GC pauses and CPU are counted over the measured runs only, like the gaps.
      if (i === warmUpRuns) {
        idleGc = recordGcPauses();
        idleCpuBefore = process.cpuUsage();
      }
      await idleWorkers.resetGaps();
      const run = await seedQueuedRun(db.url, runConfig);
      announceRun(nc, prefix, run);
      await waitAllEnded(sql, [run.runId], 120_000);
      // The warm-up runs (JIT, connections, prepared plans) are reported apart, as `idle.warmUp`.
      (measured ? gaps : warmUpGaps).push(...(await idleWorkers.gaps()));
      if (measured) measuredRunIds.push(run.runId);
    }
    const idleGcPauses = idleGc?.stop() ?? null;
    const idleCpu = idleCpuBefore ? process.cpuUsage(idleCpuBefore) : null;
    const idleSteps = await countJobs(sql, measuredRunIds);
    await idleWorkers.stop();

    const sustained = [];
    const loadWorkers = new BenchWorkersProcess(natsUrl, orchestrator.topology, independentPlan(4));
    await loadWorkers.start(64);
    for (const runs of loads) {
      const runIds: string[] = [];
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      // In one transaction: seeding one by one cost the orchestrator's process a connection per run.
      for (const run of await seedQueuedRuns(db.url, runs, runConfig)) {
        announceRun(nc, prefix, run);
        runIds.push(run.runId);
      }
      await waitAllEnded(sql, runIds, 600_000);
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const steps = await countJobs(sql, runIds);
      sustained.push({
        concurrentRuns: runs,
        steps,
        wallMs: round(wallMs),
        stepsPerSecond: round((steps / wallMs) * 1000),
        cpuMsPerStep: round((cpu.user + cpu.system) / 1000 / Math.max(1, steps)),
      });
    }
    await loadWorkers.stop();

    const parallel = await measureParallelEfficiency({
      js: jetstream(nc),
      topology: orchestrator.topology,
      databaseUrl: db.url,
      sql,
      runConfig,
      waitEnded: (runIds, timeoutMs) => waitAllEnded(sql, runIds, timeoutMs),
      announce: (run) => announceRun(nc, prefix, run),
    });
    await orchestrator.stop();

    const idle = summarizeLatencies(gaps);
    let baseline: unknown = 'skipped (BENCH_SKIP_BASELINE)';
    let ratios: Record<string, number> = {};
    if (process.env['BENCH_SKIP_BASELINE'] !== '1') {
      const scratch = await createScratchDatabase();
      const saver = createPostgresSaver(scratch.url);
      try {
        await saver.setup();
        const plan = independentPlan(4);
        await measureGraphSteps({ saver, saverKind: 'postgres', runs: 2, concurrentRuns: 1, plan });
        const one = await measureGraphSteps({
          saver,
          saverKind: 'postgres',
          runs: 5,
          concurrentRuns: 1,
          plan,
        });
        const sixteen = await measureGraphSteps({
          saver,
          saverKind: 'postgres',
          runs: 32,
          concurrentRuns: 16,
          plan,
        });
        baseline = { oneRun: one, sixteenRuns: sixteen };
        ratios = {
          idleP50VsBaselineResumeP50: round(idle.p50 / one.resumeMs.p50),
          ...Object.fromEntries(
            sustained.map((s) => [
              `throughput${s.concurrentRuns}VsBaseline16`,
              round(s.stepsPerSecond / sixteen.stepsPerSecond),
            ]),
          ),
        };
      } finally {
        await saver.end();
        await scratch.drop();
      }
    }

    const results = {
      benchmark: 'run orchestrator: result published -> next job at a worker; sustained agent steps/s',
      node: process.version,
      nodeFlags: process.execArgv,
      loadAverage: loadavg().map(round),
      setup:
        'orchestrator in this process, zero-latency scripted agents in a child process; PostgreSQL and NATS JetStream local',
      orchestratorTickMs: config.ORCHESTRATOR_TICK_MS,
      idle: {
        chainTasks,
        runs: idleRuns,
        overheadMs: idle,
        // The same gaps over the runs before them, from the process's start: what a freshly started
        // orchestrator's first runs see.
        warmUp: {
          runs: warmUpRuns,
          overheadMs: warmUpGaps.length > 0 ? summarizeLatencies(warmUpGaps) : null,
        },
        // This process's CPU (the orchestrator, and the bench's own polling) per applied result.
        cpuMsPerStep: idleCpu ? round((idleCpu.user + idleCpu.system) / 1000 / Math.max(1, idleSteps)) : null,
        gcPausesInOrchestratorProcess: idleGcPauses,
      },
      sustained,
      parallelEfficiency: parallel,
      baseline,
      ratios,
      targets: {
        idleP50Ms: 4,
        idleP99Ms: 10,
        met: { idleP50: idle.p50 <= 4, idleP99: idle.p99 <= 10 },
      },
    };
    const text = JSON.stringify(results, null, 2);
    console.log(text);
    await mkdir('bench-results', { recursive: true });
    await writeFile('bench-results/orchestration.json', `${text}\n`);
  } finally {
    await orchestrator.stop();
    await deleteJobStreams(await jetstreamManager(nc), { prefix }).catch(() => undefined);
    await nc.close();
    await sql.end();
    await db.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
