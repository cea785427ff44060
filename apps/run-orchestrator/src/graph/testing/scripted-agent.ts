import {
  resultAbout,
  type AgentJob,
  type AgentResult,
  type JobKind,
  type PlannedTask,
} from '@shipyard/contracts';

/**
 * What the script says one job returns; anything left out comes from the happy-path default. A job whose
 * tokens would pass its allowance stops there instead, as the real agent's does.
 */
export interface ScriptedReply {
  status?: 'succeeded' | 'failed';
  output?: Record<string, unknown>;
  failure?: { message: string; retryable: boolean };
  tokens?: { prompt: number; completion: number };
}

/** Picks the reply for a job; return undefined for the default. `call` counts this kind per task, from 1. */
export type Script = (job: AgentJob, call: number) => ScriptedReply | undefined;

export const DEFAULT_PLAN: PlannedTask[] = [
  {
    key: 'T1',
    title: 'Todo model',
    description: 'The todo entity',
    dependsOn: [],
    acceptanceCriteria: ['has a title'],
  },
  {
    key: 'T2',
    title: 'Todo API',
    description: 'REST endpoints',
    dependsOn: ['T1'],
    acceptanceCriteria: ['lists todos'],
  },
];

/**
 * A fake agent for every role: answers each job with a well-formed result, following a script where one
 * is given. Deterministic, so a test can say exactly which review fails and which scan finds what.
 */
export class ScriptedAgent {
  private readonly calls = new Map<string, number>();

  constructor(
    private readonly script: Script = () => undefined,
    private readonly plan: PlannedTask[] = DEFAULT_PLAN,
    private readonly defaultTokens = { prompt: 100, completion: 50 },
  ) {}

  answer(job: AgentJob): AgentResult {
    const counter = `${job.kind}:${job.taskId ?? '-'}`;
    const call = (this.calls.get(counter) ?? 0) + 1;
    this.calls.set(counter, call);
    const reply = this.script(job, call) ?? {};
    const wanted = reply.tokens ?? this.defaultTokens;
    if (job.allowance && wanted.prompt + wanted.completion > job.allowance.tokens)
      return this.exhausted(job, job.allowance.tokens, wanted.prompt);
    const status = reply.status ?? 'succeeded';
    const tokens = wanted;
    return {
      ...this.base(job),
      status,
      output: reply.output ?? (status === 'succeeded' ? this.defaultOutput(job.kind, job) : {}),
      usage: [
        {
          provider: 'offline',
          model: job.model.model,
          promptTokens: tokens.prompt,
          completionTokens: tokens.completion,
        },
      ],
      comments: [],
      ...(reply.failure ? { failure: reply.failure } : {}),
      finishedAt: '2026-01-01T00:00:00.000Z',
    };
  }

  /** As the real agent does: the job stops at its allowance, having spent all of it. */
  private exhausted(job: AgentJob, allowance: number, prompt: number): AgentResult {
    const promptTokens = Math.min(prompt, allowance);
    return {
      ...this.base(job),
      status: 'failed',
      output: {},
      usage: [
        {
          provider: 'offline',
          model: job.model.model,
          promptTokens,
          completionTokens: allowance - promptTokens,
        },
      ],
      comments: [],
      failure: {
        code: 'ALLOWANCE_EXHAUSTED',
        message: `stopped at its allowance of ${allowance} tokens`,
        retryable: false,
      },
      finishedAt: '2026-01-01T00:00:00.000Z',
    };
  }

  private base(
    job: AgentJob,
  ): Pick<AgentResult, 'jobId' | 'tenantId' | 'runId' | 'taskId' | 'role' | 'kind' | 'agentId'> {
    return { ...resultAbout(job), agentId: `scripted-${job.role}` };
  }

  private defaultOutput(kind: JobKind, job: AgentJob): Record<string, unknown> {
    const file = {
      path: `src/${job.jobId.replaceAll(':', '_')}.ts`,
      content: `// written for ${job.jobId}\n`,
    };
    switch (kind) {
      case 'analyze_requirements':
        return { summary: 'A todo API', requirements: ['create todos', 'list todos'] };
      case 'create_tasks':
        return { tasks: this.plan };
      case 'bootstrap_repo':
      case 'implement':
      case 'fix':
        return { summary: `did ${kind}`, files: [file] };
      case 'review':
        return { approved: true, findings: [] };
      case 'test':
        return { passed: true, testsRun: 3, failures: [] };
      case 'security_scan':
        return { findings: [] };
      case 'document':
      case 'prepare_deploy':
        return { files: [file] };
    }
  }
}
