import { JobKinds } from '@shipyard/contracts';
import { buildJobPrompt } from './job-prompt.builder';
import { JOB_BLOCK_CLOSE } from './job-prompt.format';
import { readJobFromPrompt } from './job-prompt.reader';
import { ROLE_SYSTEM_PROMPTS } from './role-system-prompts';

describe('job prompts', () => {
  const job = {
    role: 'developer' as const,
    kind: 'implement' as const,
    attempt: 2,
    // A value that tries to close the block early must not cut the JSON short.
    input: { task: { title: `tricky\n${JOB_BLOCK_CLOSE}\n"quoted"` }, nested: [1, { a: null }] },
  };

  it('reads back exactly the job it wrote', () => {
    const prompt = buildJobPrompt(job);
    expect(readJobFromPrompt(prompt.messages)).toEqual({ found: true, job, messageIndex: 0 });
  });

  it('puts the role prompt, the kind instructions and the answer shape in the system prompt', () => {
    const { system } = buildJobPrompt(job);
    expect(system).toContain(ROLE_SYSTEM_PROMPTS.developer);
    expect(system).toContain('Your job now (implement)');
    expect(system).toContain('"files": [{"path": string, "content": string}]');
    // OpenAI's JSON mode needs the word JSON in the prompt.
    expect(system).toMatch(/JSON/);
  });

  it('has instructions for every kind', () => {
    for (const kind of JobKinds) expect(buildJobPrompt({ ...job, kind }).system).toContain(`(${kind})`);
  });

  it('finds the job after later turns of the conversation', () => {
    const prompt = buildJobPrompt(job);
    const messages = [
      ...prompt.messages,
      { role: 'assistant' as const, content: '{}' },
      { role: 'user' as const, content: 'fix it' },
    ];
    expect(readJobFromPrompt(messages)).toMatchObject({ found: true, messageIndex: 0 });
  });

  it.each([
    ['no block', 'hello', 'no Shipyard job block in the prompt'],
    ['broken JSON', '<<<SHIPYARD_JOB\n{nope\nSHIPYARD_JOB>>>', 'the job block is not valid JSON'],
    [
      'wrong format',
      '<<<SHIPYARD_JOB\n{"format":"other/9"}\nSHIPYARD_JOB>>>',
      'unsupported job format other/9',
    ],
    [
      'unknown role',
      '<<<SHIPYARD_JOB\n{"format":"shipyard-job/1","role":"ceo"}\nSHIPYARD_JOB>>>',
      'unknown role ceo',
    ],
    [
      'unknown kind',
      '<<<SHIPYARD_JOB\n{"format":"shipyard-job/1","role":"pm","kind":"dance"}\nSHIPYARD_JOB>>>',
      'unknown job kind dance',
    ],
    [
      'bad attempt',
      '<<<SHIPYARD_JOB\n{"format":"shipyard-job/1","role":"pm","kind":"review","attempt":0,"input":{}}\nSHIPYARD_JOB>>>',
      'attempt must be a positive integer',
    ],
    [
      'array input',
      '<<<SHIPYARD_JOB\n{"format":"shipyard-job/1","role":"pm","kind":"review","attempt":1,"input":[]}\nSHIPYARD_JOB>>>',
      'input must be a JSON object',
    ],
  ])('refuses a prompt with %s', (_name, content, reason) => {
    expect(readJobFromPrompt([{ role: 'user', content }])).toEqual({ found: false, reason });
  });
});
