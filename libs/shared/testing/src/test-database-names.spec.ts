import { createdAtOf, testDatabaseName, testServerUrl, TEST_DB_PREFIX } from './test-database-names';

describe('test database names', () => {
  it('carry their creation time so a later run can tell a crashed run leftovers', () => {
    const before = Date.now();
    const name = testDatabaseName('db');
    expect(name.startsWith(`${TEST_DB_PREFIX}db_`)).toBe(true);
    expect(createdAtOf(name)).toBeGreaterThanOrEqual(before);
    expect(createdAtOf(name)).toBeLessThanOrEqual(Date.now());
  });

  it('differ between calls and fit PostgreSQL identifiers (63 bytes)', () => {
    const names = new Set(Array.from({ length: 100 }, () => testDatabaseName('tpl')));
    expect(names.size).toBe(100);
    for (const name of names) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
  });

  it('ignore databases that are not ours', () => {
    expect(createdAtOf('shipyard')).toBeUndefined();
    expect(createdAtOf(`${TEST_DB_PREFIX}db_notatime_abc`)).toBeUndefined();
  });

  it('use DATABASE_URL server when set, else the local default', () => {
    expect(testServerUrl({ DATABASE_URL: 'postgres://u@db:5432/x' })).toBe('postgres://u@db:5432/x');
    expect(testServerUrl({})).toBe('postgres://postgres@127.0.0.1:5432/postgres');
  });
});
