/**
 * True when any string in a parsed JSON value (object keys included) holds U+0000. PostgreSQL cannot store
 * that character in text or JSONB, so such input would fail deep in a service as an internal error; it is
 * refused at the edge instead. Iterative, like exceedsDepth, so it is safe on any body the parser accepts.
 */
export function containsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return true;
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes('\u0000')) return true;
        pending.push(child);
      }
    }
  }
  return false;
}
