import { performance } from 'node:perf_hooks';
import type { JetStreamClient } from '@nats-io/jetstream';
import type pg from 'pg';
import type { PlannedTask, RunConfig } from '@shipyard/contracts';
import type { JobTopology } from '@shipyard/shared/jetstream';
import { seedQueuedRun, type SeededRun } from '../testing/seed-run';
import { BenchWorkers } from './bench-workers';

/** `chains` independent chains of `length` tasks each: C<c>S<s> depends on C<c>S<s-1>. */
export function chainsPlan(chains: number, length: number): PlannedTask[] {
  return Array.from({ length: chains }, (_, c) =>
    Array.from({ length }, (_, s) => ({
      key: `C${c + 1}S${s + 1}`,
      title: `Chain ${c + 1} step ${s + 1}`,
      description: `Step ${s + 1} of independent chain ${c + 1}`,
      dependsOn: s === 0 ? [] : [`C${c + 1}S${s}`],
      acceptanceCriteria: ['works'],
    })),
  ).flat();
}

export interface ParallelEfficiency {
  chains: number;
  chainLength: number;
  modelLatencyMs: number;
  jobs: number;
  criticalPathMs: number;
  wallMs: number;
  efficiency: number;
  target: number;
  met: boolean;
}

/**
 * Parallel efficiency (issue 3, item 11): one run whose tasks form independent chains, every model call
 * taking `latencyMs`. The critical path is what the run cannot do in parallel: its jobs that belong to no
 * task (analysis, planning, bootstrap, security, docs, devops) plus the jobs of its longest chain, each
 * `latencyMs`; wall time runs from the run being queued to its end. 1.0 would be a platform that adds
 * nothing to the model's own time.
 */
export async function measureParallelEfficiency(options: {
  js: JetStreamClient;
  topology: JobTopology;
  databaseUrl: string;
  sql: pg.Pool;
  runConfig: RunConfig;
  waitEnded: (runIds: string[], timeoutMs: number) => Promise<void>;
  /** Tells the orchestrators about the new run, as project-service does after creating one. */
  announce: (run: SeededRun) => void;
  chains?: number;
  length?: number;
  latencyMs?: number;
}): Promise<ParallelEfficiency> {
  const { chains = 4, length = 3, latencyMs = 200 } = options;
  const workers = new BenchWorkers(options.js, options.topology, chainsPlan(chains, length), latencyMs);
  // Enough slots per role for every chain at once: the platform, not the bench, must be the limit.
  await workers.start(chains * 2);
  try {
    const started = performance.now();
    const seeded = await seedQueuedRun(options.databaseUrl, options.runConfig);
    options.announce(seeded);
    const { runId } = seeded;
    await options.waitEnded([runId], 300_000);
    const wallMs = performance.now() - started;
    const { rows } = await options.sql.query<{ chain: string | null; jobs: string }>(
      `SELECT substring(t.title from '^Chain ([0-9]+) ') AS chain, count(*) AS jobs
         FROM run_jobs j LEFT JOIN tasks t ON t.id = j.task_id
        WHERE j.run_id = $1
        GROUP BY 1`,
      [runId],
    );
    const taskless = Number(rows.find((r) => r.chain === null)?.jobs ?? 0);
    const longestChain = Math.max(0, ...rows.filter((r) => r.chain !== null).map((r) => Number(r.jobs)));
    const jobs = rows.reduce((sum, r) => sum + Number(r.jobs), 0);
    const criticalPathMs = (taskless + longestChain) * latencyMs;
    const efficiency = Math.round((criticalPathMs / wallMs) * 1000) / 1000;
    return {
      chains,
      chainLength: length,
      modelLatencyMs: latencyMs,
      jobs,
      criticalPathMs,
      wallMs: Math.round(wallMs),
      efficiency,
      target: 0.9,
      met: efficiency >= 0.9,
    };
  } finally {
    await workers.stop();
  }
}
