import { summarizeLatencies } from './latency-summary';

describe('summarizeLatencies', () => {
  it('reports nearest-rank percentiles, mean and max', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarizeLatencies(samples)).toEqual({
      count: 100,
      p50: 50,
      p90: 90,
      p99: 99,
      mean: 50.5,
      max: 100,
    });
  });

  it('does not depend on sample order and handles one sample', () => {
    expect(summarizeLatencies([3, 1, 2]).p50).toBe(2);
    expect(summarizeLatencies([0.1234567])).toMatchObject({ p50: 0.123, p99: 0.123, max: 0.123 });
  });

  it('refuses an empty set', () => {
    expect(() => summarizeLatencies([])).toThrow(RangeError);
  });
});
