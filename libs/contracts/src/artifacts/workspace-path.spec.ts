import { workspacePathProblem } from './workspace-path';

test.each(['src/app.ts', 'README.md', 'a/b/c.d.e', '.github/workflows/ci.yml', 'docs/..md', 'x'.repeat(400)])(
  '%p is a workspace path',
  (path) => {
    expect(workspacePathProblem(path)).toBeNull();
  },
);

test.each([
  ['', 'empty'],
  ['../etc/passwd', '..'],
  ['src/../../x', '..'],
  ['/etc/passwd', 'relative'],
  ['C:/x', 'relative'],
  ['src\\app.ts', 'separator'],
  ['src//app.ts', 'empty'],
  ['./app.ts', 'empty'],
  ['src/', 'empty'],
  ['.git/config', '.git'],
  ['sub/.GIT/hooks/pre-commit', '.git'],
  ['a\u0000b', 'control'],
  ['line\nbreak', 'control'],
  ['x'.repeat(401), 'at most'],
])('%p is refused (%s)', (path, reason) => {
  expect(workspacePathProblem(path)).toContain(reason);
});
