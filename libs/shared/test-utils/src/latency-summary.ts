/** Summary of latency samples in milliseconds, rounded to microseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentiles: p-th percentile is the smallest sample with at least p% of samples <= it. */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) throw new RangeError('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const round = (ms: number): number => Math.round(ms * 1000) / 1000;
  return {
    count: sorted.length,
    p50: round(rank(50)),
    p90: round(rank(90)),
    p99: round(rank(99)),
    mean: round(sorted.reduce((sum, v) => sum + v, 0) / sorted.length),
    max: round(sorted[sorted.length - 1]!),
  };
}
