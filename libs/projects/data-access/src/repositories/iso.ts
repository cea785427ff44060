/** Every timestamp leaves as ISO-8601 UTC (`2026-01-02T03:04:05.678Z`). */
export function iso(date: Date): string {
  return date.toISOString();
}

export function isoOrNull(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
