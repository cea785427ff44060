import type { AgentRole, JobKind } from '@shipyard/contracts';
import { JOB_OUTPUT_SCHEMAS } from '../outputs/job-output-schemas';
import { buildJobPrompt } from '../prompts/job-prompt.builder';
import { OfflineChatModel } from './offline-chat.model';

/**
 * The inputs the run orchestrator sends (apps/run-orchestrator/src/graph), fed through the offline model:
 * the PM's analysis travels to later jobs, reviews carry `round`, security fixes name only findings.
 */
const model = new OfflineChatModel({ latencyMs: 0, tokenMultiplier: 1 });

async function ask<T>(
  role: AgentRole,
  kind: JobKind,
  input: Record<string, unknown>,
  attempt = 1,
): Promise<T> {
  const response = await model.complete({
    ...buildJobPrompt({ role, kind, attempt, input }),
    responseFormat: 'json',
  });
  const value: unknown = JSON.parse(response.content);
  expect(JOB_OUTPUT_SCHEMAS[kind].check(value)).toMatchObject({ ok: true });
  return value as T;
}

const requirements =
  'Build a todo list. [offline:tasks=3] [offline:review-rejects=2]\nItems can be added.\nItems can be completed.';

describe('the offline model fed the orchestrator inputs', () => {
  it('plans from the analysis, dropping the REQ prefixes, and steers by the raw requirement', async () => {
    const analysis = await ask<{ summary: string; requirements: string[] }>('pm', 'analyze_requirements', {
      requirements,
    });
    expect(analysis.summary).toContain('[offline:tasks=3] [offline:review-rejects=2]');
    const plan = await ask<{ tasks: { title: string; description: string }[] }>('pm', 'create_tasks', {
      requirements,
      analysis,
    });
    expect(plan.tasks.map((t) => t.title)).toEqual([
      'Implement Build a todo list',
      'Implement Items can be added',
      'Implement Items can be completed',
    ]);
  });

  it('reads the review round from input.round, not from the per-task attempt', async () => {
    const task = {
      id: 't',
      key: 'T1',
      title: 'Implement Items can be added',
      description: 'x [offline:review-rejects=2]',
      acceptanceCriteria: ['a'],
    };
    const artifact = { id: 'a1' };
    const verdicts = await Promise.all(
      [1, 2, 3].map((round) =>
        ask<{ approved: boolean }>('lead', 'review', { task, artifact, round }, round * 2),
      ),
    );
    expect(verdicts.map((v) => v.approved)).toEqual([false, false, true]);
  });

  it('fixes the module a security finding points at when the job names no task', async () => {
    const out = await ask<{ files: { path: string }[] }>('developer', 'fix', {
      findings: [
        { severity: 'critical', message: 'hard-coded credential', path: 'src/items-added.ts', rule: 'X' },
      ],
      artifacts: [{ id: 'a1' }],
    });
    expect(out.files.map((f) => f.path)).toEqual(['src/items-added.ts', 'src/items-added.spec.ts']);
  });

  it('puts a fix for findings that name no file into a hardening module', async () => {
    const out = await ask<{ files: { path: string }[]; summary: string }>('developer', 'fix', {
      findings: [{ severity: 'critical', message: 'hard-coded credential', rule: 'X' }],
      artifacts: [{ id: 'a1' }],
    });
    expect(out.files.map((f) => f.path)).toEqual([
      'src/security-hardening.ts',
      'src/security-hardening.spec.ts',
    ]);
  });

  it('documents the analysed requirements for docs and names the project after them for devops', async () => {
    const analysis = {
      summary: 's',
      requirements: ['REQ-1: Items can be added.', 'REQ-2: Items can be completed.'],
    };
    const docs = await ask<{ files: { path: string; content: string }[] }>('docs', 'document', {
      analysis,
      artifacts: [],
    });
    expect(docs.files[0]?.content).toContain('- Items can be added.\n- Items can be completed.');
    const deploy = await ask<{ files: { path: string; content: string }[] }>('devops', 'prepare_deploy', {
      analysis,
      artifacts: [],
    });
    expect(deploy.files.find((f) => f.path === 'deploy/k8s/deployment.yaml')?.content).toContain(
      'name: items-added-completed',
    );
  });
});
