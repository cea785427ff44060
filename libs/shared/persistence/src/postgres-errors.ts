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

/** True when a trigger or a restricting FK refused the change (SQLSTATE 23001 restrict_violation). */
export function isRestrictViolation(error: unknown): boolean {
  return driverError(error)?.code === '23001';
}
