import type { DeepPartial, ObjectLiteral, Repository } from 'typeorm';

/**
 * Inserts one new row and returns it with the timestamps PostgreSQL filled in (RETURNING). Unlike `save`,
 * which first SELECTs by primary key to choose between INSERT and UPDATE, this is a single round trip and
 * never overwrites: a clashing id fails instead of silently updating another row.
 */
export async function insertRow<T extends ObjectLiteral>(
  rows: Repository<T>,
  values: DeepPartial<T>,
): Promise<T> {
  const row = rows.create(values);
  await rows.insert(row);
  return row;
}
