import { createHash } from 'node:crypto';

/**
 * A UUID (version-4 layout, so the contracts' `@IsUUID('4')` accepts it) derived from its parts. Rows whose
 * id comes from what created them (a job id and a comment's index) are inserted with ON CONFLICT DO
 * NOTHING, which makes a repeated write after a crash or a redelivery a no-op without an extra key column.
 */
export function deterministicUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
