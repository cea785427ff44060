import { filesInInput } from './job-files.reader';

describe('filesInInput', () => {
  it('finds file objects wherever the input nests them, first path wins', () => {
    const input = {
      files: [{ path: 'a.ts', content: 'A' }],
      artifact: { id: 'x', files: [{ path: 'b.ts', content: 'B' }] },
      dependencies: [{ taskId: 't', files: [{ path: 'a.ts', content: 'other' }] }],
      notes: 'no files here',
    };
    expect(filesInInput(input)).toEqual([
      { path: 'a.ts', content: 'A' },
      { path: 'b.ts', content: 'B' },
    ]);
  });

  it('ignores look-alikes and stops at its depth bound', () => {
    let deep: Record<string, unknown> = { path: 'deep.ts', content: 'x' };
    for (let i = 0; i < 10; i++) deep = { next: deep };
    expect(
      filesInInput({
        refs: [
          { path: 'p.ts', content: 42 },
          { path: '', content: 'x' },
          { id: 'artifact-1', fileCount: 2 },
        ],
        deep,
      }),
    ).toEqual([]);
  });
});
