import type { AgentJob, FileChange } from '@shipyard/contracts';
import { JobInputResolver, type ArtifactFileSource } from './job-input-resolver';

class MapFiles implements ArtifactFileSource {
  constructor(private readonly byRef: Record<string, FileChange[]>) {}
  readFiles(_scope: unknown, refId: string): Promise<FileChange[]> {
    return Promise.resolve(this.byRef[refId] ?? []);
  }
}

const job = (input: Record<string, unknown>): AgentJob => ({
  jobId: 'r:dev_work_cycle:t:1',
  tenantId: '00000000-0000-4000-8000-000000000001',
  runId: '00000000-0000-4000-8000-000000000002',
  role: 'lead',
  kind: 'review',
  attempt: 1,
  model: { provider: 'openai', model: 'gpt-4o', temperature: 0 },
  input,
  dispatchedAt: '2026-01-01T00:00:00.000Z',
});

describe('JobInputResolver', () => {
  const bounds = { maxFiles: 10, maxFileChars: 1000, maxTotalChars: 10_000 };

  it('leaves a job without references as it is', async () => {
    const resolver = new JobInputResolver(new MapFiles({}), bounds);
    const plain = job({ task: { id: 't' } });
    await expect(resolver.resolve(plain)).resolves.toBe(plain);
  });

  it('fills files from repo, dependencies and artifact, the later reference winning per path', async () => {
    const resolver = new JobInputResolver(
      new MapFiles({
        repo: [
          { path: 'package.json', content: '{}' },
          { path: 'src/a.ts', content: 'old' },
        ],
        dep: [{ path: 'src/b.ts', content: 'b' }],
        own: [{ path: 'src/a.ts', content: 'new' }],
      }),
      bounds,
    );
    const out = await resolver.resolve(
      job({ repo: { id: 'repo' }, dependencies: [{ artifact: { id: 'dep' } }], artifact: { id: 'own' } }),
    );
    expect(out.input['files']).toEqual([
      { path: 'package.json', content: '{}' },
      { path: 'src/a.ts', content: 'new' },
      { path: 'src/b.ts', content: 'b' },
    ]);
    expect(out.input['artifact']).toEqual({ id: 'own' });
  });

  it('bounds the file count, each file and the total, marking what it cut', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ path: `f${i}.ts`, content: 'x'.repeat(300) }));
    const resolver = new JobInputResolver(new MapFiles({ big: many }), {
      maxFiles: 4,
      maxFileChars: 200,
      maxTotalChars: 500,
    });
    const files = (await resolver.resolve(job({ artifacts: [{ id: 'big' }] }))).input[
      'files'
    ] as FileChange[];
    expect(files.map((f) => f.path)).toEqual(['f0.ts', 'f1.ts', 'f2.ts']);
    expect(files[0]?.content).toContain('[truncated by the orchestrator]');
    expect(files[2]?.content.startsWith('x'.repeat(100))).toBe(true);
    expect(files[2]?.content.startsWith('x'.repeat(101))).toBe(false);
  });
});
