/**
 * Real: NATS JetStream (streams, KV result bucket) on the spec's own prefix, the agent runtime, QA's
 * handlers, the offline model (steered by its markers). Faked: nothing (the model factory only counts).
 */
import type { TestOutput } from '@shipyard/contracts';
import { AgentRuntimeTesting, kindsOfRole } from '@shipyard/shared/agent-runtime';
import { qaHandlers } from './qa.handlers';

describe('agent-qa on a real JetStream', () => {
  let trip: AgentRuntimeTesting.RoleRoundTrip;

  beforeAll(async () => {
    trip = await AgentRuntimeTesting.startRoleRoundTrip('qa', qaHandlers());
  });

  afterAll(async () => {
    await trip.harness.cleanup();
  });

  it.each(kindsOfRole('qa'))('answers a %s job with a well-formed result', async (kind) => {
    expect(AgentRuntimeTesting.resultProblems(await trip.run(kind), trip.harness.prefix, kind)).toEqual([]);
  });

  it('reports a passing run in a TEST_REPORT', async () => {
    const result = (await trip.run('test')).data;
    const report = result.output as unknown as TestOutput;
    expect(report.passed).toBe(true);
    const comment = result.comments.find((c) => c.commentType === 'TEST_REPORT');
    expect(comment?.body).toMatch(/^Passed: \d+ test\(s\) run on T1: Short link creation/);
    expect(comment?.metrics).toMatchObject({ passed: true, testsRun: report.testsRun, failures: 0 });
  });

  it('lists the failures of a failing run as blockers', async () => {
    const task = {
      ...(AgentRuntimeTesting.SAMPLE_INPUTS.test['task'] as object),
      description: 'Shorten URLs [offline:qa-failures=1]',
    };
    const result = (await trip.run('test', { ...AgentRuntimeTesting.SAMPLE_INPUTS.test, task })).data;
    const report = result.output as unknown as TestOutput;
    expect(report.passed).toBe(false);
    expect(report.failures.length).toBeGreaterThan(0);
    const comment = result.comments.find((c) => c.commentType === 'TEST_REPORT');
    expect(comment?.body).toMatch(/^Failed/);
    expect(comment?.blockers).toEqual(report.failures);
  });
});
