import { resolveRequestId } from './request-id';

describe('resolveRequestId', () => {
  const generate = (): string => 'generated-id';

  it.each(['abc', 'req-123_4.5', 'A'.repeat(128), '0f8fad5b-d9cb-469f-a165-70867728950e'])(
    'keeps the sane id %s',
    (id) => {
      expect(resolveRequestId(id, generate)).toBe(id);
    },
  );

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'A'.repeat(129)],
    ['a space', 'abc def'],
    ['a newline that could forge a log line', 'abc\n{"level":"error"}'],
    ['a slash', 'a/b'],
    ['unicode', 'idé'],
    ['repeated header', ['a', 'b']],
  ])('replaces a %s id', (_, header) => {
    expect(resolveRequestId(header, generate)).toBe('generated-id');
  });

  it('generates a UUID by default', () => {
    expect(resolveRequestId(undefined)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
