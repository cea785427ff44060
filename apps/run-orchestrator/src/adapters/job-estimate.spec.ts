import { estimatedJobUsage } from './job-estimate';

const configured = { promptTokens: 2000, completionTokens: 1000 };

describe('estimatedJobUsage', () => {
  it('is the configured figure for a job with a small input', () => {
    expect(estimatedJobUsage(configured, 0)).toEqual(configured);
    expect(estimatedJobUsage(configured, 401)).toEqual({ promptTokens: 2101, completionTokens: 1000 });
  });

  it("covers what the offline model's largest jobs took: the run's files in the input", () => {
    // Measured: a devops job with a 23,589-character input took 6,309 prompt and 369 completion tokens.
    const estimate = estimatedJobUsage(configured, 23_589);
    expect(estimate.promptTokens).toBeGreaterThanOrEqual(6309);
    expect(estimate.promptTokens + estimate.completionTokens).toBeGreaterThanOrEqual(6309 + 369);
  });
});
