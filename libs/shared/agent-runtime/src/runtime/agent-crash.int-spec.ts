/**
 * Real: NATS JetStream on the spec's own prefix, an agent service in a child Node process (the real
 * bootstrapAgent: Nest, NATS, the job runtime, the offline model made slow by OFFLINE_MODEL_LATENCY_MS),
 * killed with SIGKILL, or stopped with SIGTERM, mid-job; a second runtime in this process. Faked: the
 * survivor's model factory only counts calls. The child runs libs/ compiled by compileForChild into a
 * temporary directory (not dist/, which `npm run build` swaps under running tests).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { resultSubject, type AgentJob } from '@shipyard/contracts';
import type { ProcessOutcome } from '@shipyard/shared/jetstream';
import { pollUntil } from '@shipyard/shared/test-utils';
import {
  AgentRuntimeHarness,
  agentTestConfig,
  CountingModels,
  makeAgentJob,
  ModelTestHandler,
} from '../testing';
import { compileForChild } from '../testing/compile-for-child';

const ACK_WAIT_MS = 1000;

interface LogLine {
  msg?: string;
  jobId?: string;
  drained?: boolean;
  abandoned?: number;
}

describe('an agent process that dies mid-job', () => {
  let outDir: string;
  let fixture: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'agent-runtime-crash-'));
    const compiled = await compileForChild(outDir);
    fixture = compiled('libs/shared/agent-runtime/src/testing/crash-agent.fixture.ts');
  });

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  let harness: AgentRuntimeHarness;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    harness = await AgentRuntimeHarness.create();
  });

  afterEach(async () => {
    child?.kill('SIGKILL');
    child = undefined;
    await harness.cleanup();
  });

  /** Starts the child agent; resolves with its log lines (parsed as they come) and its exit. */
  const startChild = async () => {
    child = spawn(process.execPath, [fixture], {
      env: harness.env({
        LOG_LEVEL: 'info',
        OFFLINE_MODEL_LATENCY_MS: '120000',
        JOB_ACK_WAIT_MS: String(ACK_WAIT_MS),
        AGENT_STOP_TIMEOUT_MS: '200',
        AGENT_INSTANCE_ID: 'doomed-agent',
      }),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: LogLine[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        // Not a log line (nothing else is expected on stdout); ignored.
      }
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child!.once('exit', (code, signal) => done({ code, signal })),
    );
    await pollUntil(() => lines.some((l) => l.msg === 'agent runtime pulling jobs'), {
      timeoutMs: 30_000,
      description: 'the child agent pulling jobs',
    });
    return { lines, exited };
  };

  /** Publishes a job, waits until the child has started it, then lets `stop` end the child. */
  const crashMidJob = async (
    stop: (child: ChildProcess) => void,
  ): Promise<{ job: AgentJob; lines: LogLine[] }> => {
    const { lines, exited } = await startChild();
    const job = makeAgentJob('test');
    await harness.publishJob(job);
    await pollUntil(() => lines.some((l) => l.msg === 'agent job started' && l.jobId === job.jobId), {
      timeoutMs: 10_000,
      description: 'the child starting the job',
    });
    stop(child!);
    const exit = await exited;
    expect(exit.code === 0 || exit.signal !== null).toBe(true);
    child = undefined;
    return { job, lines };
  };

  /** A healthy runtime takes over; exactly one result (its own) must come out, after one model call. */
  const survivorFinishes = async (job: AgentJob, minDelivery: number): Promise<void> => {
    const sent = harness.watchPublishes(resultSubject('qa'));
    const outcomes: ProcessOutcome[] = [];
    const models = new CountingModels(agentTestConfig(harness.prefix).llm);
    const survivor = await harness.startRuntime({
      role: 'qa',
      handlers: [new ModelTestHandler()],
      modelFor: models.modelFor,
      hooks: { onOutcome: (o) => outcomes.push(o) },
      env: { JOB_ACK_WAIT_MS: String(ACK_WAIT_MS) },
    });
    await pollUntil(() => outcomes.some((o) => o.kind === 'acked'), {
      timeoutMs: 20_000,
      description: 'the survivor acking the job',
    });
    const results = await harness.resultsOf(job.jobId);
    expect(results).toHaveLength(1);
    expect(results[0]?.data).toMatchObject({ status: 'succeeded', agentId: survivor.agentId });
    expect(sent.count()).toBe(1);
    expect(models.calls).toBe(1);
    expect(outcomes.find((o) => o.kind === 'acked')?.deliveryCount).toBeGreaterThanOrEqual(minDelivery);
    await pollUntil(async () => (await harness.pendingJobs()) === 0, {
      timeoutMs: 5000,
      description: 'an empty job queue',
    });
    sent.stop();
  };

  it('SIGKILL: another instance picks the job up after AckWait and one result is published', async () => {
    const { job } = await crashMidJob((c) => c.kill('SIGKILL'));
    await survivorFinishes(job, 2);
  });

  it('SIGTERM: the child stops pulling, abandons the job unacked, and another instance finishes it', async () => {
    const { job, lines } = await crashMidJob((c) => c.kill('SIGTERM'));
    expect(lines.find((l) => l.msg === 'agent runtime stopped')).toMatchObject({
      drained: false,
      abandoned: 1,
    });
    expect(await harness.resultsOf(job.jobId)).toHaveLength(0);
    await survivorFinishes(job, 2);
  });
});
