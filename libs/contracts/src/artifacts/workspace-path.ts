/** Longest file path a workspace accepts, in characters. */
export const MAX_WORKSPACE_PATH = 400;

/**
 * Why a path may not name a file in a run's workspace, or null when it may. Paths are relative and use
 * `/`; nothing may climb out (`..`), hide in git's own directory (`.git`), or be ambiguous (`.`, empty
 * segments, backslashes, which mean a separator on some systems and a character on others).
 */
export function workspacePathProblem(path: string): string | null {
  if (path.length === 0) return 'must not be empty';
  if (path.length > MAX_WORKSPACE_PATH) return `must be at most ${MAX_WORKSPACE_PATH} characters`;
  if ([...path].some((char) => (char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f'))
    return 'must not contain control characters';
  if (path.includes('\\')) return 'must use / as the separator, not \\';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'must be relative, not absolute';
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') return 'must not contain empty or "." segments';
    if (segment === '..') return 'must not contain ".." segments';
    if (segment.toLowerCase() === '.git') return 'must not touch the .git directory';
  }
  return null;
}
