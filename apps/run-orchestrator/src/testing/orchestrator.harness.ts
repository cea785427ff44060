import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import pino from 'pino';
import { runCommandTarget, type BudgetConfig, type RunCommand, type RunStatus } from '@shipyard/contracts';
import { parseConfig } from '@shipyard/shared/config';
import { deleteJobStreams, type JobTopology } from '@shipyard/shared/jetstream';
import { PriceTable } from '@shipyard/shared/llm';
import { applyRunCommand, pgExecutor } from '@shipyard/shared/run-events';
import { createTestDatabase, pollUntil, testNatsPrefix, type TestDatabase } from '@shipyard/shared/testing';
import { RunOrchestratorConfig } from '../config.schema';
import { Orchestrator } from '../driver/orchestrator';
import type { Clock } from '../ports/clock.port';
import { ScriptedWorkers } from './scripted-workers';

/** Prices that make the arithmetic readable: $1 per 1M prompt tokens, $2 per 1M completion tokens, any model. */
export const TEST_PRICES = new PriceTable({}, { prompt: 1, completion: 2 });

export interface RunRow {
  status: string;
  status_reason: string | null;
  total_tokens: string;
  cost_usd: string;
  final_report: { outcome: string; reason: string; tasks: { status: string }[] } | null;
  lease_owner: string | null;
}

/**
 * One spec file's world: its own migrated database and NATS subject prefix (so its own streams), and
 * helpers to start orchestrators and scripted workers on them and to read the results.
 * Real: PostgreSQL, NATS JetStream, the orchestrator. Scripted: the agents.
 */
export class OrchestratorHarness {
  db!: TestDatabase;
  sql!: pg.Pool;
  nc!: NatsConnection;
  readonly prefix = testNatsPrefix();
  private readonly orchestrators: Orchestrator[] = [];
  private readonly workers: ScriptedWorkers[] = [];

  async setUp(): Promise<void> {
    this.db = await createTestDatabase();
    this.sql = new pg.Pool({ connectionString: this.db.url, max: 3 });
    this.sql.on('error', () => undefined);
    this.nc = await connect({ servers: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222' });
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.stop()));
    await Promise.all(this.orchestrators.splice(0).map((o) => o.stop()));
    await deleteJobStreams(await jetstreamManager(this.nc), { prefix: this.prefix }).catch(() => undefined);
    await this.nc.close();
    await this.sql.end();
    await this.db.drop();
  }

  config(overrides: Record<string, string> = {}): RunOrchestratorConfig {
    return parseConfig(RunOrchestratorConfig, {
      DATABASE_URL: this.db.url,
      NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
      NATS_SUBJECT_PREFIX: this.prefix,
      ORCHESTRATOR_TICK_MS: '200',
      ORCHESTRATOR_LEASE_MS: '3000',
      JOB_ACK_WAIT_MS: '2000',
      JOB_MAX_ATTEMPTS: '3',
      LOG_LEVEL: 'silent',
      DATABASE_POOL_SIZE: '8',
      ...overrides,
    });
  }

  async startOrchestrator(overrides: Record<string, string> = {}, clock?: Clock): Promise<Orchestrator> {
    const orchestrator = await Orchestrator.start({
      config: this.config({
        ORCHESTRATOR_ID: `orchestrator-${this.orchestrators.length + 1}-${process.pid}`,
        ...overrides,
      }),
      prices: TEST_PRICES,
      logger: pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
      ...(clock ? { clock } : {}),
    });
    this.orchestrators.push(orchestrator);
    return orchestrator;
  }

  async stopOrchestrator(orchestrator: Orchestrator): Promise<void> {
    this.orchestrators.splice(this.orchestrators.indexOf(orchestrator), 1);
    await orchestrator.stop();
  }

  async startWorkers(
    topology: JobTopology,
    onJob?: ConstructorParameters<typeof ScriptedWorkers>[2],
  ): Promise<ScriptedWorkers> {
    const workers = new ScriptedWorkers(jetstream(this.nc), topology, onJob);
    await workers.start();
    this.workers.push(workers);
    return workers;
  }

  async run(runId: string): Promise<RunRow> {
    const { rows } = await this.sql.query<RunRow>(
      `SELECT status, status_reason, total_tokens, cost_usd, final_report, lease_owner FROM project_runs WHERE id = $1`,
      [runId],
    );
    if (!rows[0]) throw new Error(`run ${runId} not found`);
    return rows[0];
  }

  async waitForStatus(runId: string, statuses: string[], timeoutMs = 30_000): Promise<RunRow> {
    try {
      return await pollUntil(
        async () => {
          const row = await this.run(runId);
          return statuses.includes(row.status) ? row : null;
        },
        { timeoutMs, intervalMs: 50 },
      );
    } catch (error) {
      // A run that never ends is a stall somewhere: say where it stands, so a rare failure can be read.
      throw new Error(
        `run ${runId} did not reach ${statuses.join('|')}: ${await this.whereRunStands(runId)}`,
        {
          cause: error,
        },
      );
    }
  }

  /** The run's status and lease, and its jobs still owed a result. */
  async whereRunStands(runId: string): Promise<string> {
    const { rows: runs } = await this.sql.query<Record<string, unknown>>(
      `SELECT status, status_reason, lease_owner, lease_expires_at FROM project_runs WHERE id = $1`,
      [runId],
    );
    const { rows: jobs } = await this.sql.query<Record<string, unknown>>(
      `SELECT job_id, status, publish_count, published_at FROM run_jobs
       WHERE run_id = $1 AND status IN ('pending', 'published') ORDER BY created_at`,
      [runId],
    );
    return JSON.stringify({ run: runs[0] ?? null, unfinishedJobs: jobs });
  }

  async count(sql: string, params: unknown[]): Promise<number> {
    const { rows } = await this.sql.query<{ n: string }>(sql, params);
    return Number(rows[0]?.n ?? 0);
  }
}

/**
 * A user's command as project-service issues it: the same compare-and-set and status event
 * (`applyRunCommand`), the same target (`runCommandTarget`), and the project released on stop
 * (project-service's repository does that; apps may not import apps).
 */
export async function userCommand(
  sql: pg.Pool,
  runId: string,
  command: RunCommand,
  budget?: BudgetConfig,
): Promise<void> {
  const client = await sql.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{
      status: RunStatus;
      started_at: Date | null;
      tenant_id: string;
      project_id: string;
    }>(`SELECT status, started_at, tenant_id, project_id FROM project_runs WHERE id = $1 FOR UPDATE`, [
      runId,
    ]);
    const run = rows[0];
    if (!run) throw new Error('no run');
    const changed = await applyRunCommand(pgExecutor(client), {
      tenantId: run.tenant_id,
      runId,
      command,
      expected: run.status,
      target: runCommandTarget(command, { startedAt: run.started_at?.toISOString() ?? null }),
      reason: `${command} by user`,
      ...(budget ? { budget } : {}),
    });
    if (!changed) throw new Error(`run ${runId} changed while a ${command} was applied`);
    if (command === 'stop')
      await client.query(`UPDATE projects SET status = 'READY', active_run_id = NULL WHERE id = $1`, [
        run.project_id,
      ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** A clock running `offsetMs` ahead of the real one (deadline specs move it instead of waiting). */
export class OffsetClock implements Clock {
  constructor(public offsetMs = 0) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
