import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { buildJobPrompt } from '../prompts/job-prompt.builder';
import { OfflineChatModel } from './offline-chat.model';

/**
 * The developer's files must be real code, not text that looks like code: lay them out in the repository
 * the offline bootstrap writes, type-check them with that repository's own tsconfig (strict, NodeNext ESM),
 * and run the module's function. Real: the TypeScript compiler. Faked: nothing.
 */
const TASK = {
  key: 'T1',
  title: "Implement customer's e-mail address validation",
  description: 'Addresses are trimmed and checked.',
  acceptanceCriteria: ["Rejects empty input with 'value must not be empty'", 'Trims whitespace'],
};

type Files = { path: string; content: string }[];
const model = new OfflineChatModel({ latencyMs: 0, tokenMultiplier: 1 });

async function filesFor(kind: 'implement' | 'fix' | 'bootstrap_repo'): Promise<Files> {
  const input =
    kind === 'fix'
      ? { task: TASK, findings: [{ severity: 'high', message: "bound the input's length" }] }
      : kind === 'implement'
        ? { task: TASK }
        : { requirements: 'Validate customer addresses.' };
  const role = kind === 'bootstrap_repo' ? 'devops' : 'developer';
  const response = await model.complete({
    ...buildJobPrompt({ role, kind, attempt: 1, input }),
    responseFormat: 'json',
  });
  return (JSON.parse(response.content) as { files: Files }).files;
}

/** One compiler program for several repositories (one directory each): the compiler's start-up is the slow part. */
function typeErrors(dir: string, repos: Files[]): string[] {
  const paths = repos.flatMap((files, i) =>
    files.flatMap((f) => {
      const full = join(dir, String(i), f.path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, f.content);
      return full.endsWith('.ts') ? [full] : [];
    }),
  );
  const tsconfig = readFileSync(join(dir, '0', 'tsconfig.json'), 'utf8');
  const parsed = ts.parseJsonConfigFileContent(JSON.parse(tsconfig), ts.sys, join(dir, '0'));
  expect(parsed.errors).toEqual([]);
  const program = ts.createProgram(paths, {
    ...parsed.options,
    noEmit: true,
    // The scratch repository has no node_modules; borrow ours for @types/jest.
    typeRoots: [join(process.cwd(), 'node_modules/@types')],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('code the offline developer writes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'offline-code-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('type-checks in the bootstrapped repository, first implementation and fix', async () => {
    const bootstrap = await filesFor('bootstrap_repo');
    const repos = [
      [...bootstrap, ...(await filesFor('implement'))],
      [...bootstrap, ...(await filesFor('fix'))],
    ];
    expect(typeErrors(dir, repos)).toEqual([]);
  });

  it('runs: the fixed module trims, refuses empty and over-long values', async () => {
    const [source] = await filesFor('fix');
    const js = ts.transpileModule(source?.content ?? '', {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 },
    }).outputText;
    const mod = (await import(`data:text/javascript,${encodeURIComponent(js)}`)) as Record<string, unknown>;
    const fns = Object.values(mod).filter((v) => typeof v === 'function');
    expect(fns).toHaveLength(1);
    const fn = fns[0] as (input: string) => { ok: boolean; value: string; errors: string[] };
    expect(fn('  a@b.c ')).toEqual({ ok: true, value: 'a@b.c', errors: [] });
    expect(fn(' ').errors).toEqual(['value must not be empty']);
    expect(fn('x'.repeat(201)).ok).toBe(false);
  });
});
