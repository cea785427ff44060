const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Any UUID in its canonical text form (no version or variant check): for ids that become path segments,
 * cache keys or SQL parameters. Contract fields that must be v4 use class-validator's `@IsUUID('4')`.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
