import type { AgentRole, JobKind } from '@shipyard/contracts';
import { LlmError } from '../llm.errors';
import { JOB_OUTPUT_SCHEMAS } from '../outputs/job-output-schemas';
import { buildJobPrompt } from '../prompts/job-prompt.builder';
import { completeStructured } from '../structured/complete-structured';
import { OfflineChatModel } from './offline-chat.model';

/** Scripts a run's loops through markers in the requirement, the way orchestrator tests will. */
const model = new OfflineChatModel({ latencyMs: 0, tokenMultiplier: 1 });

async function ask(
  role: AgentRole,
  kind: JobKind,
  input: Record<string, unknown>,
  attempt = 1,
): Promise<unknown> {
  const response = await model.complete({
    ...buildJobPrompt({ role, kind, attempt, input }),
    responseFormat: 'json',
  });
  return JSON.parse(response.content);
}

const task = (markers: string) => ({
  key: 'T1',
  title: 'Implement login',
  description: `Users log in. ${markers}`,
  acceptanceCriteria: ['works'],
});

describe('steering the offline model', () => {
  it('plans [offline:tasks=N] tasks in chains of [offline:chain-length=K]', async () => {
    const out = (await ask('pm', 'create_tasks', {
      requirements: 'Users log in. [offline:tasks=6] [offline:chain-length=3]',
    })) as {
      tasks: { key: string; dependsOn: string[]; description: string }[];
    };
    expect(out.tasks.map((t) => t.dependsOn)).toEqual([[], ['T1'], ['T2'], [], ['T4'], ['T5']]);
    // The markers travel with each task, so jobs about one task alone are steered the same way.
    for (const t of out.tasks) expect(t.description).toContain('[offline:tasks=6] [offline:chain-length=3]');
  });

  it('rejects [offline:review-rejects=N] review rounds, then approves', async () => {
    const verdicts: { approved: boolean; findings: unknown[] }[] = [];
    for (const iteration of [1, 2, 3]) {
      verdicts.push(
        (await ask('lead', 'review', {
          task: task('[offline:review-rejects=2]'),
          iteration,
        })) as (typeof verdicts)[number],
      );
    }
    expect(verdicts.map((v) => v.approved)).toEqual([false, false, true]);
    expect(verdicts[0]?.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ severity: 'high', path: 'src/login.ts' })]),
    );
    expect(verdicts[2]?.findings).toEqual([]);
  });

  it('finds issues on the first review and approves the second by default', async () => {
    const first = (await ask('lead', 'review', { task: task(''), iteration: 1 })) as { approved: boolean };
    const second = (await ask('lead', 'review', { task: task(''), iteration: 2 })) as { approved: boolean };
    expect([first.approved, second.approved]).toEqual([false, true]);
  });

  it('uses the job attempt as the round when the input has no iteration', async () => {
    const first = (await ask('lead', 'review', { task: task('') }, 1)) as { approved: boolean };
    const second = (await ask('lead', 'review', { task: task('') }, 2)) as { approved: boolean };
    expect([first.approved, second.approved]).toEqual([false, true]);
  });

  it('reports a critical finding on the first [offline:security-critical=N] scans, then only info', async () => {
    const input = (iteration: number) => ({ requirements: 'Shop. [offline:security-critical=1]', iteration });
    const first = (await ask('security', 'security_scan', input(1))) as { findings: { severity: string }[] };
    const second = (await ask('security', 'security_scan', input(2))) as { findings: { severity: string }[] };
    expect(first.findings.map((f) => f.severity)).toEqual(['critical', 'low']);
    expect(second.findings.map((f) => f.severity)).toEqual(['info']);
  });

  it('carries the markers into the files it writes, so a scan of those files alone is steered too', async () => {
    const out = (await ask('developer', 'implement', { task: task('[offline:security-critical=1]') })) as {
      files: { path: string; content: string }[];
    };
    expect(out.files[0]?.content).toContain('// Offline steering: [offline:security-critical=1]');
    const scan = (await ask('security', 'security_scan', { files: out.files, round: 1 })) as {
      findings: { severity: string; path?: string }[];
    };
    expect(scan.findings[0]).toMatchObject({ severity: 'critical', path: out.files[0]?.path });
  });

  it('fails [offline:qa-failures=N] test rounds, then passes', async () => {
    const first = (await ask('qa', 'test', { task: task('[offline:qa-failures=1]'), iteration: 1 })) as {
      passed: boolean;
      failures: string[];
    };
    const second = (await ask('qa', 'test', { task: task('[offline:qa-failures=1]'), iteration: 2 })) as {
      passed: boolean;
    };
    expect(first.passed).toBe(false);
    expect(first.failures[0]).toContain('shipyard-offline-1');
    expect(second.passed).toBe(true);
  });

  it('fails a [offline:fail-kind=...] kind with a non-retryable error that still reports the prompt tokens', async () => {
    const error = await ask('lead', 'review', { task: task('[offline:fail-kind=review]') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: 'SCRIPTED_FAILURE', retryable: false });
    expect((error as LlmError).usage[0]?.promptTokens).toBeGreaterThan(0);
    // Other kinds of the same run are unaffected.
    await expect(ask('qa', 'test', { task: task('[offline:fail-kind=review]') })).resolves.toBeDefined();
  });

  it('fails a [offline:fail-kind-retryable=...] kind with a retryable error', async () => {
    await expect(
      ask('docs', 'document', { requirements: 'x [offline:fail-kind-retryable=document]' }),
    ).rejects.toMatchObject({
      code: 'SCRIPTED_FAILURE',
      retryable: true,
    });
  });

  it('answers [offline:invalid-json=...] kinds with malformed JSON first, and correctly after a correction', async () => {
    const prompt = buildJobPrompt({
      role: 'pm',
      kind: 'create_tasks',
      attempt: 1,
      input: { requirements: 'Users log in. [offline:invalid-json=create_tasks]' },
    });
    const result = await completeStructured(model, prompt, JOB_OUTPUT_SCHEMAS.create_tasks);
    expect(result.attempts).toBe(2);
    expect(result.usage).toHaveLength(2);
    expect(result.value).toHaveProperty('tasks');
  });
});
