import { exceedsDepth } from './json-depth';

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('exceedsDepth', () => {
  it('counts each object or array level', () => {
    expect(exceedsDepth(nested(3), 3)).toBe(false);
    expect(exceedsDepth(nested(4), 3)).toBe(true);
  });

  it('accepts scalars and flat values', () => {
    expect(exceedsDepth('text', 0)).toBe(false);
    expect(exceedsDepth(null, 0)).toBe(false);
    expect(exceedsDepth({ a: 1, b: 'x' }, 1)).toBe(false);
  });

  it('finds a deep branch beside shallow ones', () => {
    expect(exceedsDepth({ shallow: 1, deep: nested(10) }, 10)).toBe(true);
  });

  it('walks a body far deeper than the call stack allows without overflowing', () => {
    expect(exceedsDepth(nested(200_000), 32)).toBe(true);
  });
});
