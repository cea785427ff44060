import { isUuid } from './is-uuid';

describe('isUuid', () => {
  it('accepts the canonical form in either case, whatever the version', () => {
    expect(isUuid('3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe(true);
    expect(isUuid('3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toBe(true);
  });

  it('refuses anything else, including path tricks and SQL', () => {
    for (const value of [
      '',
      '../etc',
      '3f2504e0-4f89-11d3-9a0c-0305e82c330',
      "x'; DROP TABLE t; --",
      '3f2504e04f8911d39a0c0305e82c3301',
    ]) {
      expect(isUuid(value)).toBe(false);
    }
  });
});
