/**
 * Real: NATS JetStream (streams, KV result bucket) on the spec's own prefix, the agent runtime, QA's
 * handlers, the offline model (steered by its markers). Faked: nothing (the model factory only counts).
 */
import type { TestOutput } from '@shipyard/contracts';
import {
  expectWellFormedResult,
  roleKinds,
  SAMPLE_INPUTS,
  startRoleRoundTrip,
  type RoleRoundTrip,
} from '../../../libs/shared/agent-runtime/src/testing';
import { qaHandlers } from './qa.handlers';

describe('agent-qa on a real JetStream', () => {
  let trip: RoleRoundTrip;

  beforeAll(async () => {
    trip = await startRoleRoundTrip('qa', qaHandlers());
  });

  afterAll(async () => {
    await trip.harness.cleanup();
  });

  it.each(roleKinds('qa'))('answers a %s job with a well-formed result', async (kind) => {
    expectWellFormedResult(await trip.run(kind), kind);
  });

  it('reports a passing run in a TEST_REPORT', async () => {
    const result = await trip.run('test');
    const report = result.output as unknown as TestOutput;
    expect(report.passed).toBe(true);
    const comment = result.comments.find((c) => c.commentType === 'TEST_REPORT');
    expect(comment?.body).toMatch(/^Passed: \d+ test\(s\) run on T1: Short link creation/);
    expect(comment?.metrics).toMatchObject({ passed: true, testsRun: report.testsRun, failures: 0 });
  });

  it('lists the failures of a failing run as blockers', async () => {
    const task = { ...(SAMPLE_INPUTS.test['task'] as object), description: 'Shorten URLs [offline:qa-failures=1]' };
    const result = await trip.run('test', { ...SAMPLE_INPUTS.test, task });
    const report = result.output as unknown as TestOutput;
    expect(report.passed).toBe(false);
    expect(report.failures.length).toBeGreaterThan(0);
    const comment = result.comments.find((c) => c.commentType === 'TEST_REPORT');
    expect(comment?.body).toMatch(/^Failed/);
    expect(comment?.blockers).toEqual(report.failures);
  });
});
