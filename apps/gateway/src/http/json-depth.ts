/**
 * True when a parsed JSON value nests objects or arrays deeper than `max`. Iterative on purpose: the point
 * is to refuse input that would overflow the stack of the recursive code after it (class-transformer turns
 * a 1 MiB body of `{"a":{"a":...}}` into a RangeError, which would otherwise surface as a 500).
 */
export function exceedsDepth(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}
