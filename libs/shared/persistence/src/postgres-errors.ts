import { QueryFailedError } from 'typeorm';

/** PostgreSQL error code and constraint of a failed query, whether TypeORM wrapped it or not. */
function driverError(error: unknown): { code?: string; constraint?: string } | undefined {
  if (error instanceof QueryFailedError) return error.driverError as { code?: string; constraint?: string };
  if (typeof error === 'object' && error !== null && 'code' in error) return error as { code?: string };
  return undefined;
}

/** True when `error` is a unique violation, of `constraint` when one is named (index names count). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = driverError(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

/** True when a row this change refers to is gone (SQLSTATE 23503), typically deleted by a concurrent request. */
export function isForeignKeyViolation(error: unknown): boolean {
  return driverError(error)?.code === '23503';
}

/** True when PostgreSQL aborted the transaction to break a deadlock or a serialization conflict. */
export function isTransientConflict(error: unknown): boolean {
  const code = driverError(error)?.code;
  return code === '40P01' || code === '40001';
}

/** True when a trigger or a restricting FK refused the change (SQLSTATE 23001 restrict_violation). */
export function isRestrictViolation(error: unknown): boolean {
  return driverError(error)?.code === '23001';
}
