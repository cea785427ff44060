import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { buildJobPrompt } from '../prompts/job-prompt.builder';
import { OfflineChatModel } from './offline-chat.model';

/**
 * The developer's files must be real code, not text that looks like code: type-check them (strict) with
 * the compiler and run the module's function. Real: the TypeScript compiler. Faked: nothing.
 */
const TASK = {
  key: 'T1',
  title: "Implement customer's e-mail address validation",
  description: 'Addresses are trimmed and checked.',
  acceptanceCriteria: ["Rejects empty input with 'value must not be empty'", 'Trims whitespace'],
};

async function filesFor(kind: 'implement' | 'fix'): Promise<{ path: string; content: string }[]> {
  const model = new OfflineChatModel({ latencyMs: 0, tokenMultiplier: 1 });
  const input =
    kind === 'fix'
      ? { task: TASK, findings: [{ severity: 'high', message: "bound the input's length" }] }
      : { task: TASK };
  const response = await model.complete({
    ...buildJobPrompt({ role: 'developer', kind, attempt: 1, input }),
    responseFormat: 'json',
  });
  return (JSON.parse(response.content) as { files: { path: string; content: string }[] }).files;
}

/** One compiler program for several file sets (one directory each): the compiler's start-up is the slow part. */
function typeErrors(dir: string, sets: { path: string; content: string }[][]): string[] {
  const paths = sets.flatMap((files, i) => {
    mkdirSync(join(dir, String(i), 'src'), { recursive: true });
    return files.map((f) => {
      const full = join(dir, String(i), f.path);
      writeFileSync(full, f.content);
      return full;
    });
  });
  const program = ts.createProgram(paths, {
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: ['jest'],
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

  it('type-checks under strict settings, first implementation and fix', async () => {
    expect(typeErrors(dir, [await filesFor('implement'), await filesFor('fix')])).toEqual([]);
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
