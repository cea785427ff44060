import { containsNul } from './contains-nul';

describe('containsNul', () => {
  it('finds NUL in values and keys at any depth', () => {
    expect(containsNul('a\u0000b')).toBe(true);
    expect(containsNul({ a: { b: ['x', 'y\u0000'] } })).toBe(true);
    expect(containsNul({ 'k\u0000': 1 })).toBe(true);
  });

  it('accepts everything else, other control characters included', () => {
    expect(containsNul({ a: 'line\nbreak\ttab\u0001', b: [1, null, true], c: '\\u0000 written out' })).toBe(
      false,
    );
    expect(containsNul(undefined)).toBe(false);
  });
});
