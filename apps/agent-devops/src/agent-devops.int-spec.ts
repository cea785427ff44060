/**
 * Real: NATS JetStream (streams, KV result bucket) on the spec's own prefix, the agent runtime, the
 * devops agent's handlers, the offline model. Faked: nothing (the model factory only counts calls).
 */
import type { FileChange } from '@shipyard/contracts';
import { AgentRuntimeTesting, kindsOfRole } from '@shipyard/shared/agent-runtime';
import { devopsHandlers } from './devops.handlers';

describe('agent-devops on a real JetStream', () => {
  let trip: AgentRuntimeTesting.RoleRoundTrip;

  beforeAll(async () => {
    trip = await AgentRuntimeTesting.startRoleRoundTrip('devops', devopsHandlers());
  });

  afterAll(async () => {
    await trip.harness.cleanup();
  });

  it.each(kindsOfRole('devops'))('answers a %s job with a well-formed result', async (kind) => {
    expect(AgentRuntimeTesting.resultProblems(await trip.run(kind), trip.harness.prefix, kind)).toEqual([]);
  });

  it('lists every file it wrote in a PROGRESS comment', async () => {
    const result = (await trip.run('prepare_deploy')).data;
    const files = (result.output as { files: FileChange[] }).files;
    expect(files.length).toBeGreaterThan(0);
    const progress = result.comments.find((c) => c.commentType === 'PROGRESS');
    for (const file of files) expect(progress?.body).toContain(file.path);
    expect(progress?.metrics).toMatchObject({ files: files.length });
  });
});
