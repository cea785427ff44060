/**
 * Real: NATS JetStream (streams, KV result bucket) on the spec's own prefix, the agent runtime, the security
 * agent's handlers with its secret scanner, the offline model (steered by its markers). Faked: nothing.
 */
import type { SecurityScanOutput } from '@shipyard/contracts';
import { AgentRuntimeTesting, kindsOfRole } from '@shipyard/shared/agent-runtime';
import { SECRET_SCANNER_LABEL } from './security-scan.handler';
import { securityHandlers } from './security.handlers';

const AWS_KEY = 'AKIAQ3EGRTYVX7PLMN4Z';

describe('agent-security on a real JetStream', () => {
  let trip: AgentRuntimeTesting.RoleRoundTrip;

  beforeAll(async () => {
    trip = await AgentRuntimeTesting.startRoleRoundTrip('security', securityHandlers());
  });

  afterAll(async () => {
    await trip.harness.cleanup();
  });

  it.each(kindsOfRole('security'))('answers a %s job with a well-formed result', async (kind) => {
    expect(AgentRuntimeTesting.resultProblems(await trip.run(kind), trip.harness.prefix, kind)).toEqual([]);
  });

  it('adds the secret scanner findings to the model findings, one comment each, never quoting the secret', async () => {
    const files = [{ path: 'src/config.ts', content: `export const awsKeyId = '${AWS_KEY}';\n` }];
    const result = (await trip.run('security_scan', { files })).data;
    const { findings } = result.output as unknown as SecurityScanOutput;
    const leaked = findings.find((f) => f.rule === 'secret/aws-access-key-id');
    expect(leaked).toMatchObject({ severity: 'critical', path: 'src/config.ts' });
    expect(JSON.stringify(result)).not.toContain(AWS_KEY);
    const comment = result.comments.find(
      (c) => c.commentType === 'SECURITY_FINDING' && c.body.includes('secret/aws-access-key-id'),
    );
    expect(comment?.body).toContain(SECRET_SCANNER_LABEL);
    const summary = result.comments.find((c) => c.commentType === 'NOTE');
    expect(summary?.body).toContain('checked 1 file(s)');
    expect(summary?.metrics).toMatchObject({ scannerFindings: 1, filesScanned: 1 });
  });

  it('posts one SECURITY_FINDING per model finding at or above medium, named after the model', async () => {
    const result = (await trip.run('security_scan', { notes: 'scan it [offline:security-critical=1]' })).data;
    const { findings } = result.output as unknown as SecurityScanOutput;
    const serious = findings.filter((f) => ['critical', 'high', 'medium'].includes(f.severity));
    expect(serious.length).toBeGreaterThan(0);
    const comments = result.comments.filter((c) => c.commentType === 'SECURITY_FINDING');
    expect(comments).toHaveLength(serious.length);
    for (const comment of comments) expect(comment.body).toContain('Shipyard offline model');
  });
});
