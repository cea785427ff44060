import { pino } from 'pino';
import type { SecurityFinding, SecurityScanOutput } from '@shipyard/contracts';
import { AgentRuntimeTesting } from '@shipyard/shared/agent-runtime';
import type { ChatModel, ChatRequest, ChatResponse } from '@shipyard/shared/llm';
import { REDACTION_MARKER } from './secret.scanner';
import { SECRET_SCANNER_LABEL, SecurityScanHandler } from './security-scan.handler';

const AWS_KEY = 'AKIA' + 'Q3EGRTYVX7PLMN4Z';

/** A model that answers every call with the given findings, as a real endpoint would (JSON text). */
function scriptedModel(findings: SecurityFinding[]): ChatModel & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    provider: 'openai',
    model: 'gpt-4o-mini',
    requests,
    promptTokens: () => 50,
    complete(request: ChatRequest): Promise<ChatResponse> {
      requests.push(request);
      return Promise.resolve({
        content: JSON.stringify({ findings }),
        usage: {
          provider: 'openai',
          model: 'gpt-4o-mini-2024-07-18',
          promptTokens: 50,
          completionTokens: 20,
        },
        finishReason: 'stop',
        usageEstimated: false,
        latencyMs: 1,
      });
    },
  };
}

async function scan(findings: SecurityFinding[], input: Record<string, unknown>) {
  const model = scriptedModel(findings);
  const job = AgentRuntimeTesting.makeAgentJob('security_scan', { input });
  const outcome = await new SecurityScanHandler().handle(job, {
    model,
    signal: new AbortController().signal,
    maxCompletionTokens: 1000,
    logger: pino({ level: 'silent' }),
  });
  return { outcome, output: outcome.output as SecurityScanOutput, model };
}

describe('SecurityScanHandler', () => {
  const files = [{ path: 'src/aws.ts', content: `export const id = '${AWS_KEY}';\n` }];

  it('adds scanner findings after the model findings, with one comment per finding at medium or above', async () => {
    const sqli: SecurityFinding = {
      severity: 'high',
      rule: 'sql-injection',
      message: 'query built from input',
      path: 'src/db.ts',
    };
    const nit: SecurityFinding = { severity: 'low', rule: 'headers', message: 'no CSP header' };
    const { output, outcome } = await scan([sqli, nit], { files });
    expect(output.findings.map((f) => f.rule)).toEqual([
      'sql-injection',
      'headers',
      'secret/aws-access-key-id',
    ]);
    const findingComments = outcome.comments.filter((c) => c.commentType === 'SECURITY_FINDING');
    expect(findingComments.map((c) => c.metrics?.['rule'])).toEqual([
      'secret/aws-access-key-id',
      'sql-injection',
    ]);
    expect(findingComments[0]?.body).toContain(`Found by ${SECRET_SCANNER_LABEL}`);
    expect(findingComments[1]?.body).toContain('Found by openai model gpt-4o-mini-2024-07-18');
    expect(outcome.comments[0]).toMatchObject({
      commentType: 'NOTE',
      metrics: { modelFindings: 2, scannerFindings: 1, filesScanned: 1, critical: 1, high: 1, low: 1 },
    });
    expect(outcome.usage).toEqual([
      { provider: 'openai', model: 'gpt-4o-mini-2024-07-18', promptTokens: 50, completionTokens: 20 },
    ]);
  });

  it('does not repeat a secret the model already reported on the same rule and path', async () => {
    const reported: SecurityFinding = {
      severity: 'critical',
      rule: 'secret/aws-access-key-id',
      message: 'AWS key in source',
      path: 'src/aws.ts',
    };
    const { output, outcome } = await scan([reported], { files });
    expect(output.findings).toEqual([reported]);
    expect(outcome.comments[0]?.metrics).toMatchObject({ scannerFindings: 0 });
  });

  it('says plainly when the input carried no file contents to scan', async () => {
    const { output, outcome } = await scan([], { artifacts: [{ id: 'a1', fileCount: 3, bytes: 10 }] });
    expect(output.findings).toEqual([]);
    expect(outcome.comments).toHaveLength(1);
    expect(outcome.comments[0]?.body).toContain('carried no file contents');
  });

  it('sends the code to the model with the secrets it found redacted, and never reports them', async () => {
    const { outcome, output, model } = await scan([], { files });
    expect(JSON.stringify({ outcome, output })).not.toContain(AWS_KEY);
    const prompt = model.requests[0]?.messages[0]?.content ?? '';
    expect(prompt).toContain('src/aws.ts');
    expect(prompt).toContain(REDACTION_MARKER);
    expect(prompt).not.toContain(AWS_KEY);
  });
});
