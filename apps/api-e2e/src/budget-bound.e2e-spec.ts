import { TerminalRunStatuses, type RunEventView, type RunView } from '@shipyard/contracts';
import type { ApiClient } from './support/api-client';
import { createReadyProject, createRun } from './support/factories';
import { FullPlatform } from './support/full-platform';
import { jobTokens, readRun, replayRunEvents, waitForRunStatus } from './support/run-reads';

// Real: all eleven services as processes (the agents on the offline model), PostgreSQL, NATS JetStream and
// Redis, each with this file's own database, prefix and key prefix. Faked: nothing.
//
// The agents' offline model is made eight times as chatty as the orchestrator's estimates assume
// (OFFLINE_MODEL_TOKEN_MULTIPLIER), like a real model the estimates were not tuned for, and priced, so cost
// budgets mean something. An estimate alone would let the first job that overruns it carry the run past
// its budget; the allowance each job leaves with, enforced by the agent, is what keeps the budget a bound.

const MULTIPLIER = 8;
/** USD per 1M offline tokens: a job of ~20k tokens costs ~$0.4. */
const PRICE_PER_MTOK = 20;
const RUN_TIMEOUT_MS = 90_000;
const TEST_TIMEOUT_MS = 150_000;
const REQUIREMENT = 'A REST API for todo items. Users sign in with a token. [offline:tasks=2]';

let platform: FullPlatform;
let api: ApiClient;
let key: string;

beforeAll(async () => {
  const priced = { OFFLINE_MODEL_PRICE_PER_MTOK: String(PRICE_PER_MTOK) };
  platform = await FullPlatform.start({
    offlineLatencyMs: 20,
    agentEnv: { ...priced, OFFLINE_MODEL_TOKEN_MULTIPLIER: String(MULTIPLIER) },
    env: { 'run-orchestrator': priced },
  });
  key = await platform.createTenant('budget-bound');
  api = platform.api.withKey(key);
}, 150_000);

afterAll(async () => {
  await platform?.close();
});

async function runToEnd(
  configPatch: Record<string, unknown>,
): Promise<{ run: RunView; events: RunEventView[] }> {
  const project = await createReadyProject(api, { name: 'Todo API', requirements: REQUIREMENT });
  const started = await createRun(api, project.id, configPatch);
  const run = await waitForRunStatus(api, started.id, TerminalRunStatuses, RUN_TIMEOUT_MS, () =>
    platform.diagnostics(),
  );
  return { run, events: await replayRunEvents(api, key, run.id) };
}

const warnings = (events: readonly RunEventView[], code: string): string[] =>
  events.flatMap((e) => (e.data.type === 'run.warning' && e.data.code === code ? [e.data.message] : []));

describe('budgets hold against a model that spends more than estimated', () => {
  test(
    'a low token budget ends STOPPED_BUDGET with no token spent past it',
    async () => {
      // Analysis, planning and bootstrap take ~13k tokens; the first implementation is admitted on its
      // estimate (~3.4k) with ~3.9k left, and wants ~9.5k: without its allowance it would end the run at ~22.5k.
      const maxTokens = 17_000;
      const { run, events } = await runToEnd({ budget: { maxTokens, onExceed: 'stop' } });
      expect(run.status).toBe('STOPPED_BUDGET');
      expect(run.statusReason).toMatch(/token budget 17000 would be exceeded/);
      expect(run.usage.totalTokens).toBeLessThanOrEqual(maxTokens);
      // Jobs did overrun their first allowances and were stopped there, not let through.
      expect(warnings(events, 'ALLOWANCE_EXHAUSTED').length).toBeGreaterThan(0);
      // The usage events, the run's counters and the report agree on what was spent.
      expect(jobTokens(events).reduce((a, b) => a + b, 0)).toBe(run.usage.totalTokens);
      expect((run.finalReport as { usage?: { tokens: number } }).usage?.tokens).toBe(run.usage.totalTokens);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'a low cost budget ends STOPPED_BUDGET with no cent spent past it, priced as the agents run',
    async () => {
      // The roles are configured for gpt-4o and gpt-4o-mini, but with no endpoint the agents run the offline
      // model, priced here far above gpt-4o-mini: the budget is checked at the dearer of the two.
      // $0.26 by the bootstrap; the first implementation is admitted at ~$0.07 and wants ~$0.19.
      const maxCostUsd = 0.34;
      const { run } = await runToEnd({ budget: { maxCostUsd, onExceed: 'stop' } });
      expect(run.status).toBe('STOPPED_BUDGET');
      expect(run.statusReason).toMatch(/cost budget \$0.34 would be exceeded/);
      expect(run.costUsd).toBeGreaterThan(0);
      expect(run.costUsd).toBeLessThanOrEqual(maxCostUsd);
      expect(run.costUsd).toBeCloseTo((run.usage.totalTokens * PRICE_PER_MTOK) / 1e6, 6);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'with room in the budget, jobs stopped at their allowance are sent again with more and the run completes',
    async () => {
      const { run, events } = await runToEnd({ budget: { maxTokens: 2_000_000, onExceed: 'stop' } });
      expect(run.status).toBe('COMPLETED');
      const exhausted = warnings(events, 'ALLOWANCE_EXHAUSTED');
      expect(exhausted.length).toBeGreaterThan(0);
      expect(exhausted[0]).toMatch(/sent again if the budget has room/);
      const { tasks } = await readRun(api, run.id);
      expect(tasks.map((task) => task.status)).toEqual(['DONE', 'DONE']);
      // Each overrun is paid once: a stopped attempt's tokens are recorded, and only once.
      expect(jobTokens(events).reduce((a, b) => a + b, 0)).toBe(run.usage.totalTokens);
    },
    TEST_TIMEOUT_MS,
  );
});
