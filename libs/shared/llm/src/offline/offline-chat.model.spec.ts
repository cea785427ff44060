import { JobKinds, type AgentRole, type JobKind } from '@shipyard/contracts';
import type { ChatRequest } from '../chat-model.port';
import { LlmError } from '../llm.errors';
import { JOB_OUTPUT_SCHEMAS } from '../outputs/job-output-schemas';
import { buildJobPrompt } from '../prompts/job-prompt.builder';
import { OfflineChatModel } from './offline-chat.model';
import { OFFLINE_MODEL, OFFLINE_PROVIDER } from './offline-identity';

const REQUIREMENT =
  'Build a URL shortener. Users can shorten a long URL into a short code. Visiting the short code redirects to the long URL. ' +
  'Each short code counts its visits. Codes expire after 30 days.';

const ROLE_OF: Record<JobKind, AgentRole> = {
  analyze_requirements: 'pm',
  create_tasks: 'pm',
  bootstrap_repo: 'devops',
  implement: 'developer',
  fix: 'developer',
  review: 'lead',
  test: 'qa',
  security_scan: 'security',
  document: 'docs',
  prepare_deploy: 'devops',
};

const TASK = {
  key: 'T2',
  title: 'Implement short code redirect',
  description: 'Visiting the short code redirects to the long URL.',
  acceptanceCriteria: ['Unknown codes answer 404', 'Known codes redirect with 301'],
};
const FILES = [
  { path: 'src/short-code-redirect.ts', content: 'export const x = 1;\n' },
  { path: 'src/short-code-redirect.spec.ts', content: "it('a', () => {});\nit('b', () => {});\n" },
];

/** A plausible input per kind, as the orchestrator would send it. */
function inputFor(kind: JobKind): Record<string, unknown> {
  switch (kind) {
    case 'analyze_requirements':
    case 'create_tasks':
    case 'bootstrap_repo':
      return { requirements: REQUIREMENT, projectName: 'Link Shortener' };
    case 'implement':
      return { task: TASK, requirements: REQUIREMENT };
    case 'fix':
      return {
        task: TASK,
        files: FILES,
        findings: [{ severity: 'high', message: 'input length is not bounded', path: FILES[0]?.path }],
      };
    case 'review':
    case 'test':
    case 'security_scan':
      return { task: TASK, files: FILES, iteration: 1 };
    case 'document':
    case 'prepare_deploy':
      return { requirements: REQUIREMENT, projectName: 'Link Shortener', tasks: [TASK] };
  }
}

function requestFor(kind: JobKind, input = inputFor(kind)): ChatRequest {
  return { ...buildJobPrompt({ role: ROLE_OF[kind], kind, attempt: 1, input }), responseFormat: 'json' };
}

function model(overrides: Partial<ConstructorParameters<typeof OfflineChatModel>[0]> = {}): OfflineChatModel {
  return new OfflineChatModel({ latencyMs: 0, tokenMultiplier: 1, ...overrides });
}

describe('OfflineChatModel', () => {
  describe.each(JobKinds.map((kind) => [kind]))('for %s jobs', (kind) => {
    it('answers with JSON that validates against the kind output schema', async () => {
      const response = await model().complete(requestFor(kind));
      const check = JOB_OUTPUT_SCHEMAS[kind].check(JSON.parse(response.content));
      expect(check).toEqual(expect.objectContaining({ ok: true }));
      expect(response.finishReason).toBe('stop');
    });

    it('answers the same input with the same output', async () => {
      const [a, b] = await Promise.all([
        model().complete(requestFor(kind)),
        model().complete(requestFor(kind)),
      ]);
      expect(a.content).toBe(b.content);
      expect(a.usage).toEqual(b.usage);
    });

    it('names itself in the usage and in the text it writes', async () => {
      const response = await model().complete(requestFor(kind));
      expect(response.usage).toEqual(
        expect.objectContaining({ provider: OFFLINE_PROVIDER, model: OFFLINE_MODEL }),
      );
      // Outputs with text say who wrote it; an approval or a pass has no text field to say it in.
      if (kind !== 'review' && kind !== 'test') expect(response.content).toContain(OFFLINE_MODEL);
    });
  });

  it('derives requirement statements from the requirement text', async () => {
    const response = await model().complete(requestFor('analyze_requirements'));
    const output = JSON.parse(response.content) as { requirements: string[] };
    expect(output.requirements).toEqual([
      'REQ-1: Build a URL shortener.',
      'REQ-2: Users can shorten a long URL into a short code.',
      'REQ-3: Visiting the short code redirects to the long URL.',
      'REQ-4: Each short code counts its visits.',
      'REQ-5: Codes expire after 30 days.',
    ]);
  });

  it('plans a task per statement, with independent tasks and chained ones', async () => {
    const response = await model().complete(requestFor('create_tasks'));
    const { tasks } = JSON.parse(response.content) as {
      tasks: { key: string; dependsOn: string[]; acceptanceCriteria: string[] }[];
    };
    expect(tasks.map((t) => [t.key, t.dependsOn])).toEqual([
      ['T1', []],
      ['T2', ['T1']],
      ['T3', []],
      ['T4', ['T3']],
      ['T5', []],
    ]);
    for (const task of tasks) expect(task.acceptanceCriteria.length).toBeGreaterThanOrEqual(3);
  });

  it('writes a module and its spec named after the task', async () => {
    const response = await model().complete(requestFor('implement'));
    const { files } = JSON.parse(response.content) as { files: { path: string; content: string }[] };
    expect(files.map((f) => f.path)).toEqual([
      'src/short-code-redirect.ts',
      'src/short-code-redirect.spec.ts',
    ]);
    expect(files[0]?.content).toContain('export function shortCodeRedirect(input: string)');
    expect(files[1]?.content).toContain("from './short-code-redirect.js'");
  });

  it('fixes by adding the length bound the first review asks for', async () => {
    const response = await model().complete(requestFor('fix'));
    const { files, summary } = JSON.parse(response.content) as {
      summary: string;
      files: { content: string }[];
    };
    expect(files[0]?.content).toContain('MAX_LENGTH');
    expect(files[0]?.content).toContain('Addresses (high): input length is not bounded');
    expect(summary).toContain('fixed 1 finding(s)');
  });

  it('counts the tests in the spec files it is given', async () => {
    const response = await model().complete(requestFor('test'));
    expect(JSON.parse(response.content)).toEqual({ passed: true, testsRun: 2, failures: [] });
  });

  it('counts tokens from the text length times the multiplier', async () => {
    const request = requestFor('implement');
    const single = await model().complete(request);
    const triple = await model({ tokenMultiplier: 3 }).complete(request);
    const promptChars = [request.system, ...request.messages.map((m) => m.content)].join('\n').length;
    expect(single.usage.promptTokens).toBe(Math.ceil(promptChars / 4));
    expect(single.usage.completionTokens).toBe(Math.ceil(single.content.length / 4));
    expect(triple.usage.promptTokens).toBe(Math.ceil((promptChars / 4) * 3));
    expect(triple.content).toBe(single.content);
  });

  it.each([0, 0.3, 1, 5, 7.7])(
    'says before the call exactly the prompt tokens the call reports (multiplier %d)',
    async (tokenMultiplier) => {
      const offline = model({ tokenMultiplier });
      for (const kind of JobKinds) {
        const request = requestFor(kind);
        const answer = await offline.complete(request);
        expect(offline.promptTokens(request)).toBe(answer.usage.promptTokens);
        // A correction turn too: the prompt then carries the first answer.
        const correction: ChatRequest = {
          ...request,
          messages: [
            ...request.messages,
            { role: 'assistant', content: answer.content },
            { role: 'user', content: 'Answer again.' },
          ],
        };
        expect(offline.promptTokens(correction)).toBe(
          (await offline.complete(correction)).usage.promptTokens,
        );
      }
    },
  );

  it('refuses to count the prompt of a malformed request', () => {
    expect(() => model().promptTokens({ ...requestFor('review'), messages: [] })).toThrow(LlmError);
  });

  it('waits the configured latency and reports it from the clock', async () => {
    let clock = 1000;
    const waits: number[] = [];
    const offline = model({
      latencyMs: 250,
      now: () => clock,
      delay: (ms) => {
        waits.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    });
    const response = await offline.complete(requestFor('review'));
    expect(waits).toEqual([250]);
    expect(response.latencyMs).toBe(250);
  });

  it('stops waiting as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const offline = model({ latencyMs: 600_000 });
    const pending = offline.complete({ ...requestFor('review'), signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED', retryable: false });
  });

  it('refuses a call whose signal is already aborted', async () => {
    await expect(
      model().complete({ ...requestFor('review'), signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(LlmError);
  });

  it('cuts the answer at maxTokens and says so', async () => {
    const response = await model().complete({ ...requestFor('implement'), maxTokens: 10 });
    expect(response.finishReason).toBe('length');
    expect(response.usage.completionTokens).toBe(10);
    expect(response.content).toHaveLength(40);
  });

  it('answers a prompt without a job in text, saying what it is', async () => {
    const response = await model().complete({
      system: 'Be helpful.',
      messages: [{ role: 'user', content: 'Hello?' }],
      responseFormat: 'text',
    });
    expect(response.content).toContain(`offline model (${OFFLINE_MODEL})`);
    expect(response.content).toContain('no Shipyard job');
  });

  it('refuses a malformed request as a non-retryable BAD_REQUEST', async () => {
    const bad = {
      system: 's',
      messages: [],
      responseFormat: 'json',
      temperature: 5,
    } as unknown as ChatRequest;
    await expect(model().complete(bad)).rejects.toMatchObject({ code: 'BAD_REQUEST', retryable: false });
  });

  it('refuses invalid construction options', () => {
    expect(() => model({ latencyMs: -1 })).toThrow(RangeError);
    expect(() => model({ tokenMultiplier: Number.NaN })).toThrow(RangeError);
  });
});
