/**
 * Real: NATS JetStream (streams, KV result bucket) on the spec's own prefix, the agent runtime, the lead's
 * handlers, the offline model (steered by its markers). Faked: nothing (the model factory only counts).
 */
import type { ReviewOutput } from '@shipyard/contracts';
import { AgentRuntimeTesting, kindsOfRole } from '@shipyard/shared/agent-runtime';
import { leadHandlers } from './lead.handlers';

describe('agent-lead on a real JetStream', () => {
  let trip: AgentRuntimeTesting.RoleRoundTrip;

  beforeAll(async () => {
    trip = await AgentRuntimeTesting.startRoleRoundTrip('lead', leadHandlers());
  });

  afterAll(async () => {
    await trip.harness.cleanup();
  });

  it.each(kindsOfRole('lead'))('answers a %s job with a well-formed result', async (kind) => {
    expect(AgentRuntimeTesting.resultProblems(await trip.run(kind), trip.harness.prefix, kind)).toEqual([]);
  });

  it('requests changes in round 1 with its findings as blockers, and approves round 2', async () => {
    const first = (await trip.run('review', { ...AgentRuntimeTesting.SAMPLE_INPUTS.review, round: 1 })).data;
    const verdict = first.output as unknown as ReviewOutput;
    expect(verdict.approved).toBe(false);
    const review = first.comments.find((c) => c.commentType === 'REVIEW');
    expect(review?.body).toMatch(/^Changes requested: review of T1: Short link creation \(round 1\)/);
    for (const finding of verdict.findings) expect(review?.body).toContain(finding.message);
    expect(review?.blockers?.length).toBeGreaterThan(0);
    expect(review?.metrics).toMatchObject({ approved: false, findings: verdict.findings.length, round: 1 });

    const second = (await trip.run('review', { ...AgentRuntimeTesting.SAMPLE_INPUTS.review, round: 2 })).data;
    expect((second.output as unknown as ReviewOutput).approved).toBe(true);
    const approval = second.comments.find((c) => c.commentType === 'REVIEW');
    expect(approval?.body).toMatch(/^Approved/);
    expect(approval?.blockers).toBeUndefined();
  });
});
