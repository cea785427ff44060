/**
 * Real: NATS JetStream (streams, KV result bucket) on the spec's own prefix, the agent runtime, the
 * developer's handlers, the offline model. Faked: nothing (the model factory only counts calls).
 */
import type { ImplementOutput } from '@shipyard/contracts';
import { AgentRuntimeTesting, kindsOfRole } from '@shipyard/shared/agent-runtime';
import { developerHandlers } from './developer.handlers';

describe('agent-developer on a real JetStream', () => {
  let trip: AgentRuntimeTesting.RoleRoundTrip;

  beforeAll(async () => {
    trip = await AgentRuntimeTesting.startRoleRoundTrip('developer', developerHandlers());
  });

  afterAll(async () => {
    await trip.harness.cleanup();
  });

  it.each(kindsOfRole('developer'))('answers a %s job with a well-formed result', async (kind) => {
    expect(AgentRuntimeTesting.resultProblems(await trip.run(kind), trip.harness.prefix, kind)).toEqual([]);
  });

  it('reports the summary and every file it wrote in a PROGRESS comment', async () => {
    const result = (await trip.run('implement')).data;
    const { files, summary } = result.output as unknown as ImplementOutput;
    expect(files.length).toBeGreaterThan(0);
    const progress = result.comments.find((c) => c.commentType === 'PROGRESS');
    expect(progress?.body).toContain(summary);
    for (const file of files) expect(progress?.body).toContain(file.path);
    expect(progress?.metrics).toMatchObject({ files: files.length });
  });

  it('says how many findings a fix answers', async () => {
    const result = (await trip.run('fix')).data;
    const progress = result.comments.find((c) => c.commentType === 'PROGRESS');
    expect(progress?.body).toContain('addressing 1 finding(s)');
    expect(progress?.metrics).toMatchObject({ findings: 1 });
  });
});
