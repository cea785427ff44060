/**
 * Real: NATS JetStream (streams, KV result bucket) on the spec's own prefix, the agent runtime, the
 * docs agent's handlers, the offline model. Faked: nothing (the model factory only counts calls).
 */
import type { FileChange } from '@shipyard/contracts';
import {
  expectWellFormedResult,
  roleKinds,
  startRoleRoundTrip,
  type RoleRoundTrip,
} from '../../../libs/shared/agent-runtime/src/testing';
import { docsHandlers } from './docs.handlers';

describe('agent-docs on a real JetStream', () => {
  let trip: RoleRoundTrip;

  beforeAll(async () => {
    trip = await startRoleRoundTrip('docs', docsHandlers());
  });

  afterAll(async () => {
    await trip.harness.cleanup();
  });

  it.each(roleKinds('docs'))('answers a %s job with a well-formed result', async (kind) => {
    expectWellFormedResult(await trip.run(kind), kind);
  });

  it('lists every file it wrote in a PROGRESS comment', async () => {
    const result = await trip.run('document');
    const files = (result.output as { files: FileChange[] }).files;
    expect(files.length).toBeGreaterThan(0);
    const progress = result.comments.find((c) => c.commentType === 'PROGRESS');
    for (const file of files) expect(progress?.body).toContain(file.path);
    expect(progress?.metrics).toMatchObject({ files: files.length });
  });
});
