import { OFFLINE_MODEL, PriceTable } from '@shipyard/shared/llm';
import { estimatedJobUsage, sizeJob } from './job-estimate';

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

describe('sizeJob', () => {
  const prices = new PriceTable(
    { 'gpt-4o': { prompt: 2.5, completion: 10 }, [OFFLINE_MODEL]: { prompt: 50, completion: 50 } },
    { prompt: 1, completion: 1 },
  );
  const settings = { ...configured, allowanceFactor: 2 };
  const job = (provider: 'openai' | 'offline', model: string) => ({
    role: 'pm' as const,
    kind: 'analyze_requirements' as const,
    model: { provider, model, temperature: 0 },
    inputChars: 400,
  });

  it('expects the estimated tokens and lets the job spend the allowance factor times them', () => {
    const sizing = sizeJob(settings, prices, job('openai', 'gpt-4o'));
    expect(sizing.expected.tokens).toBe(3100);
    expect(sizing.ceiling.tokens).toBe(6200);
    expect(sizing.ceiling.costUsd).toBeCloseTo(sizing.expected.costUsd * 2, 12);
  });

  it('prices a job at the dearest model it may run on: the offline model stands in when agents have no endpoint', () => {
    // 2100 prompt + 1000 completion tokens: $0.01525 on gpt-4o, $0.155 on an offline model priced at $50.
    expect(sizeJob(settings, prices, job('openai', 'gpt-4o')).expected.costUsd).toBeCloseTo(0.155, 9);
    const cheap = new PriceTable({ 'gpt-4o': { prompt: 2.5, completion: 10 } }, { prompt: 1, completion: 1 });
    expect(sizeJob(settings, cheap, job('openai', 'gpt-4o')).expected.costUsd).toBeCloseTo(0.01525, 9);
  });

  it('prices an offline role at the offline model, whatever model name its config gives', () => {
    const cheapOffline = new PriceTable(
      { 'gpt-4o': { prompt: 2.5, completion: 10 }, [OFFLINE_MODEL]: { prompt: 0, completion: 0 } },
      { prompt: 1, completion: 1 },
    );
    expect(sizeJob(settings, cheapOffline, job('offline', 'gpt-4o')).expected.costUsd).toBe(0);
  });
});
