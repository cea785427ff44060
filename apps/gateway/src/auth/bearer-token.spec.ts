import { parseBearerToken } from './bearer-token';

describe('parseBearerToken', () => {
  it.each([
    ['Bearer sk_live_abc123', 'sk_live_abc123'],
    ['bearer key', 'key'],
    ['BEARER key', 'key'],
    ['Bearer   key  ', 'key'],
    ['Bearer a.b-c_d~e+f/g=', 'a.b-c_d~e+f/g='],
    [`Bearer ${'k'.repeat(500)}`, 'k'.repeat(500)],
  ])('reads %j', (header, key) => {
    expect(parseBearerToken(header)).toBe(key);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['the scheme alone', 'Bearer'],
    ['the scheme and a space', 'Bearer '],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['no scheme', 'sk_live_abc123'],
    ['two tokens', 'Bearer a b'],
    ['a tab inside', 'Bearer a\tb'],
    ['a non-ASCII key', 'Bearer clé'],
    ['an over-long key', `Bearer ${'k'.repeat(501)}`],
    ['repeated headers', ['Bearer a', 'Bearer b']],
  ])('refuses %s', (_, header) => {
    expect(parseBearerToken(header)).toBeUndefined();
  });
});
