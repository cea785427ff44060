import type { FileChange } from '@shipyard/contracts';

const MAX_DEPTH = 6;
const MAX_FILES = 2000;

/**
 * Every `{ path, content }` object in a job's input, wherever it sits (`files`, `artifact.files`,
 * `dependencies[i].files`...): the orchestrator's input is free-form and its shape changes per kind, and a
 * secret scanner that only looked at one field would silently scan nothing. Bounded in depth and count
 * because the input is untrusted data; the first occurrence of a path wins.
 */
export function filesInInput(input: Record<string, unknown>): FileChange[] {
  const found = new Map<string, FileChange>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || found.size >= MAX_FILES || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    const { path, content } = record;
    if (typeof path === 'string' && typeof content === 'string' && path.length > 0) {
      if (!found.has(path)) found.set(path, { path, content });
      return;
    }
    for (const child of Object.values(record)) visit(child, depth + 1);
  };
  visit(input, 0);
  return [...found.values()];
}
