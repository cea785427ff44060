import type { FileChange, FindingSeverity } from '@shipyard/contracts';

/** Severities from worst to least, the order comments list them in. */
export const SEVERITY_ORDER: readonly FindingSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

const MAX_LISTED_FILES = 50;

/**
 * `- path (N bytes)` per file, for PROGRESS comments: a reader of the audit trail sees what was written
 * without the contents, which live in the artifact. Long lists are cut with a count of the rest.
 */
export function fileList(files: readonly FileChange[]): string {
  if (files.length === 0) return '(no files)';
  const lines = files
    .slice(0, MAX_LISTED_FILES)
    .map((f) => `- ${f.path} (${Buffer.byteLength(f.content, 'utf8')} bytes)`);
  if (files.length > MAX_LISTED_FILES) lines.push(`- ... and ${files.length - MAX_LISTED_FILES} more`);
  return lines.join('\n');
}

/** Total UTF-8 size of the files, for comment metrics. */
export function totalBytes(files: readonly FileChange[]): number {
  return files.reduce((sum, f) => sum + Buffer.byteLength(f.content, 'utf8'), 0);
}

/** `{ critical: 0, high: 1, ... }` for comment metrics. */
export function countBySeverity(
  findings: ReadonlyArray<{ severity: FindingSeverity }>,
): Record<FindingSeverity, number> {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** True when `severity` is at or above `threshold`. */
export function atLeast(severity: FindingSeverity, threshold: FindingSeverity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(threshold);
}
