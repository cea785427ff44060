import { databaseName, quoteIdent, redactedDatabaseUrl, withDatabase } from './database-url';

describe('database URLs', () => {
  it('swap the database and keep server, credentials and options', () => {
    expect(withDatabase('postgres://u:p@h:5433/app?sslmode=disable', 'postgres')).toBe(
      'postgres://u:p@h:5433/postgres?sslmode=disable',
    );
  });

  it('name their database, and refuse a URL without one', () => {
    expect(databaseName('postgres://h/shipyard')).toBe('shipyard');
    expect(() => databaseName('postgres://h')).toThrow('DATABASE_URL names no database');
  });

  it('quote identifiers so a name cannot break out of its quotes', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });

  it('hide the password in messages', () => {
    expect(redactedDatabaseUrl('postgres://u:secret@h/db')).toBe('postgres://u:***@h/db');
    expect(redactedDatabaseUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});
