import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/** Garbage collections of this process over a stretch of the bench, by kind. */
export interface GcPauses {
  /** Young-generation collections (scavenges): their count and pauses. */
  minor: { count: number; totalMs: number; maxMs: number };
  /** Full mark-compact collections (their final, blocking part). */
  major: { count: number; totalMs: number; maxMs: number };
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Records this process's GC pauses until `stop()`: the orchestrator runs in the bench's process, so these are
 * the pauses its steps can meet. Why it is in the results: the idle p99 follows the young-generation pauses
 * (a step that meets one takes the pause on top), which a latency figure alone does not show.
 */
export function recordGcPauses(): { stop(): GcPauses } {
  const pauses: GcPauses = {
    minor: { count: 0, totalMs: 0, maxMs: 0 },
    major: { count: 0, totalMs: 0, maxMs: 0 },
  };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) add(pauses, entry);
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop(): GcPauses {
      for (const entry of observer.takeRecords()) add(pauses, entry);
      observer.disconnect();
      for (const kind of [pauses.minor, pauses.major]) {
        kind.totalMs = round(kind.totalMs);
        kind.maxMs = round(kind.maxMs);
      }
      return pauses;
    },
  };
}

function add(pauses: GcPauses, entry: PerformanceEntry): void {
  // GC entries carry `detail.kind` (Node documents it); the type of PerformanceEntry does not declare it.
  const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
  const bucket =
    kind === constants.NODE_PERFORMANCE_GC_MINOR
      ? pauses.minor
      : kind === constants.NODE_PERFORMANCE_GC_MAJOR
        ? pauses.major
        : undefined;
  if (!bucket) return;
  bucket.count += 1;
  bucket.totalMs += entry.duration;
  bucket.maxMs = Math.max(bucket.maxMs, entry.duration);
}
