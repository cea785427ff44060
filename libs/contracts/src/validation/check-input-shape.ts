import type { FieldError } from '../errors';

/** Deeper than this, a request is an attack or a bug: class-transformer would recurse until the stack ends. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Problems no decorator can catch, found before class-transformer walks the input: nesting deep enough to
 * overflow the stack, and U+0000 in a string or key (PostgreSQL cannot store it, so it would surface as a
 * 500 long after validation said yes). Iterative, so a hostile input cannot overflow this check either.
 */
export function checkInputShape(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) errors.push({ path, messages: ['must not contain NUL characters'] });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      errors.push({ path, messages: [`nesting deeper than ${MAX_INPUT_DEPTH} levels`] });
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000'))
        errors.push({ path: childPath, messages: ['key must not contain NUL characters'] });
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return errors;
}
