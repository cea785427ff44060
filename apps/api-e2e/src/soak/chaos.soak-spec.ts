import {
  ServiceNames,
  TerminalRunStatuses,
  type ProjectView,
  type RunView,
  type ServiceName,
} from '@shipyard/contracts';
import type { ApiClient } from '../support/api-client';
import { expectStatus } from '../support/factories';
import { FullPlatform } from '../support/full-platform';
import { readRun, replayRunEvents } from '../support/run-reads';
import { auditRun } from './run-audit';
import { retryingCall } from './retrying-api';
import { SoakScenarios, type SoakScenario } from './soak-scenarios';

// `npm run soak` (not part of `npm test`): the whole platform as processes, runs launched through the
// gateway all along, and random services SIGKILLed and started again meanwhile (one or two at a time, any
// of the eleven, the orchestrator with its deployed 15 s lease). Then every run must end where its scenario
// says, with nothing lost or doubled (run-audit.ts). Real: everything; faked: nothing but the model
// (the offline one, at SOAK_LATENCY_MS per call).

const SOAK_MS = Number(process.env.SOAK_MS ?? 120_000);
const LAUNCH_EVERY_MS = Number(process.env.SOAK_LAUNCH_EVERY_MS ?? 2500);
const LATENCY_MS = process.env.SOAK_LATENCY_MS ?? '250';
/** OFFLINE_MODEL_TOKEN_MULTIPLIER of the agents: above 1, jobs overrun their estimates and meet their allowances. */
const TOKEN_MULTIPLIER = process.env.SOAK_TOKEN_MULTIPLIER ?? '1';
const VICTIMS = (process.env.SOAK_VICTIMS?.split(',') ?? ServiceNames) as ServiceName[];
/** After the chaos: time for the last runs to end (a takeover waits out a 15 s lease). */
const SETTLE_MS = 300_000;
const PRICE_PER_MTOK = '2';

const log = (line: string): void =>
  void process.stdout.write(`${new Date().toISOString().slice(11, 23)} ${line}\n`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const between = (low: number, high: number): number => low + Math.floor(Math.random() * (high - low));

interface Launched {
  scenario: SoakScenario;
  runId: string;
  /** What the user did to it, with the answers (`pause:200:PAUSED`). */
  actions: string[];
}

async function launch(api: ApiClient, scenario: SoakScenario): Promise<Launched> {
  const project = expectStatus(
    await retryingCall<ProjectView>(api, 'POST', '/api/projects', {
      name: scenario.name,
      requirements: scenario.requirements,
    }),
    201,
    'create project',
  );
  expectStatus(await retryingCall(api, 'POST', `/api/projects/${project.id}/ready`), 200, 'ready');
  const run = expectStatus(
    await retryingCall<RunView>(api, 'POST', '/api/runs', {
      projectId: project.id,
      ...(scenario.configPatch ? { configPatch: scenario.configPatch } : {}),
    }),
    201,
    'create run',
  );
  return { scenario, runId: run.id, actions: [] };
}

/** The user's hand on a run: a pause then a resume, or a stop, a few seconds after it started. */
async function actAsUser(api: ApiClient, run: Launched): Promise<void> {
  const command = async (name: string): Promise<number> => {
    const res = await retryingCall<RunView & { details?: { status?: string } }>(
      api,
      'POST',
      `/api/runs/${run.runId}/${name}`,
    );
    // A 409 names the status the run was in (a stop retried through an outage can find it COMPLETED).
    run.actions.push(
      `${name}:${res.status}:${res.status === 200 ? res.body.status : res.body.details?.status}`,
    );
    return res.status;
  };
  await sleep(between(1500, 4000));
  if (run.scenario.userStop) {
    // Refused because the run had already ended: it ended undisturbed, so it must have completed.
    if ((await command('stop')) === 409) run.scenario = { ...run.scenario, expected: 'COMPLETED' };
    return;
  }
  await command('pause');
  await sleep(between(2000, 5000));
  await command('resume');
}

/** Polls until the run has ended, raising the budget of a run that paused on it. */
async function untilEnded(api: ApiClient, run: Launched, deadline: number): Promise<RunView> {
  for (;;) {
    const current = expectStatus(
      await retryingCall<RunView>(api, 'GET', `/api/runs/${run.runId}`),
      200,
      'get run',
    );
    if (TerminalRunStatuses.includes(current.status) || Date.now() > deadline) return current;
    if (
      current.status === 'PAUSED' &&
      run.scenario.raiseWhenPaused &&
      !run.actions.some((a) => a.startsWith('raise'))
    ) {
      const res = await retryingCall<RunView>(api, 'POST', `/api/runs/${run.runId}/resume`, {
        budget: { maxTokens: 500_000 },
      });
      run.actions.push(`raise:${res.status}`);
    }
    await sleep(300);
  }
}

test(
  'runs launched all along while random services are SIGKILLed and restarted end where they should, nothing doubled',
  async () => {
    const priced = { OFFLINE_MODEL_PRICE_PER_MTOK: PRICE_PER_MTOK };
    // A chattier model writes longer answers: the per-call completion cap (8000 by default) grows with it,
    // or the ten-task plan is cut off, which is that setting working, not what the soak looks for.
    const agent = {
      ...priced,
      OFFLINE_MODEL_TOKEN_MULTIPLIER: TOKEN_MULTIPLIER,
      AGENT_MAX_COMPLETION_TOKENS: String(Math.ceil(8000 * Math.max(1, Number(TOKEN_MULTIPLIER)))),
    };
    const platform = await FullPlatform.start({
      jobAckWaitMs: 2000,
      offlineLatencyMs: Number(LATENCY_MS),
      agentEnv: agent,
      env: {
        'run-orchestrator': { ...priced, ORCHESTRATOR_LEASE_MS: '15000', ORCHESTRATOR_TICK_MS: '1000' },
      },
    });
    let failed = 0;
    try {
      const key = await platform.createTenant('soak');
      const api = platform.api.withKey(key);
      const runs: Launched[] = [];
      const users: Promise<void>[] = [];
      const chaosEnds = Date.now() + SOAK_MS;

      const launcher = (async () => {
        for (let i = 0; Date.now() < chaosEnds; i += 1) {
          const scenario = SoakScenarios[i % SoakScenarios.length]!;
          const run = await launch(api, scenario);
          runs.push(run);
          if (scenario.userPause || scenario.userStop) users.push(actAsUser(api, run));
          await sleep(LAUNCH_EVERY_MS);
        }
      })();
      const kills: Partial<Record<ServiceName, number>> = {};
      while (Date.now() < chaosEnds) {
        await sleep(between(1500, 5000));
        const victims = [...VICTIMS].sort(() => Math.random() - 0.5).slice(0, Math.random() < 0.25 ? 2 : 1);
        for (const victim of victims) {
          await platform.kill(victim);
          kills[victim] = (kills[victim] ?? 0) + 1;
        }
        await sleep(between(200, 3000));
        await Promise.all(victims.map((victim) => platform.restart(victim)));
      }
      await Promise.all([launcher, ...users]);
      log(`${runs.length} runs launched; SIGKILLs: ${JSON.stringify(kills)}`);

      const deadline = Date.now() + SETTLE_MS;
      const jobsPerScenario = new Map<string, Set<number>>();
      for (const run of runs) {
        const ended = await untilEnded(api, run, deadline);
        const reading = { ...(await readRun(api, run.runId)), run: ended };
        const events = TerminalRunStatuses.includes(ended.status)
          ? await replayRunEvents(api, key, run.runId)
          : [];
        const { problems, jobs } = auditRun(run.scenario, reading, events);
        // The offline model is deterministic in the work a requirement takes: a scenario that completed
        // always took the same number of jobs, unless one was lost or done twice.
        if (ended.status === 'COMPLETED')
          jobsPerScenario.set(
            run.scenario.name,
            (jobsPerScenario.get(run.scenario.name) ?? new Set()).add(jobs),
          );
        log(
          `${run.scenario.name.padEnd(15)} ${ended.status.padEnd(15)} jobs=${jobs} tokens=${ended.usage.totalTokens} ${run.actions.join(',')} ${problems.length > 0 ? `PROBLEMS: ${problems.join('; ')}` : 'ok'}`,
        );
        if (problems.length > 0) failed += 1;
      }
      for (const [name, counts] of jobsPerScenario)
        if (counts.size > 1 && name !== 'user-pause') {
          log(`${name}: completed runs took different numbers of jobs: ${[...counts].join(', ')}`);
          failed += 1;
        }
    } finally {
      if (failed > 0) log(platform.diagnostics());
      await platform.close();
    }
    expect(failed).toBe(0);
  },
  SOAK_MS + SETTLE_MS + 300_000,
);
