import { parseConfig } from '@shipyard/shared/config';
import { LlmConfig } from '../llm.config';
import { PriceTable } from './price-table';

const config = (env: Record<string, string> = {}): LlmConfig => parseConfig(LlmConfig, env);
const usage = (model: string, promptTokens: number, completionTokens: number) => ({
  provider: 'openai',
  model,
  promptTokens,
  completionTokens,
});

describe('PriceTable', () => {
  const table = PriceTable.fromConfig(config());

  it('prices the default models per million prompt and completion tokens', () => {
    expect(table.costOf(usage('gpt-4o', 1_000_000, 1_000_000))).toBeCloseTo(12.5, 10);
    expect(table.costOf(usage('gpt-4o-mini', 2_000_000, 1_000_000))).toBeCloseTo(0.9, 10);
    expect(table.costOf(usage('o3', 500_000, 250_000))).toBeCloseTo(3, 10);
  });

  it('prices versioned names by the longest entry they extend', () => {
    expect(table.lookup('gpt-4o-mini-2024-07-18')).toMatchObject({ source: 'table', entry: 'gpt-4o-mini' });
    expect(table.lookup('gpt-4o-2024-08-06')).toMatchObject({ source: 'table', entry: 'gpt-4o' });
    // A different model that merely shares letters is not a version.
    expect(table.lookup('gpt-4omni')).toMatchObject({ source: 'default-rate' });
  });

  it('charges unknown models the configured default rate, never 0', () => {
    expect(table.costOf(usage('mystery-model', 1_000_000, 1_000_000))).toBeCloseTo(15 + 60, 10);
    const custom = PriceTable.fromConfig(
      config({ UNKNOWN_MODEL_PROMPT_PRICE_PER_MTOK: '1', UNKNOWN_MODEL_COMPLETION_PRICE_PER_MTOK: '2' }),
    );
    expect(custom.costOf(usage('mystery-model', 1_000_000, 1_000_000))).toBeCloseTo(3, 10);
  });

  it('prices the offline model at OFFLINE_MODEL_PRICE_PER_MTOK (0 by default)', () => {
    const offline = {
      provider: 'offline',
      model: 'shipyard-offline-1',
      promptTokens: 400_000,
      completionTokens: 100_000,
    };
    expect(table.costOf(offline)).toBe(0);
    expect(PriceTable.fromConfig(config({ OFFLINE_MODEL_PRICE_PER_MTOK: '10' })).costOf(offline)).toBeCloseTo(
      5,
      10,
    );
  });

  it('lets PRICE_TABLE_JSON override and extend the defaults', () => {
    const custom = PriceTable.fromConfig(
      config({
        PRICE_TABLE_JSON: JSON.stringify({
          'gpt-4o': { prompt: 1, completion: 1 },
          'llama-3.1-8b': { prompt: 0.1, completion: 0.2 },
        }),
      }),
    );
    expect(custom.costOf(usage('gpt-4o', 1_000_000, 0))).toBeCloseTo(1, 10);
    expect(custom.costOf(usage('llama-3.1-8b', 1_000_000, 1_000_000))).toBeCloseTo(0.3, 10);
    expect(custom.costOf(usage('gpt-4o-mini', 1_000_000, 0))).toBeCloseTo(0.15, 10);
  });

  it('sums a list of usage records', () => {
    expect(table.costOf([usage('gpt-4o', 1_000_000, 0), usage('gpt-4o-mini', 1_000_000, 0)])).toBeCloseTo(
      2.65,
      10,
    );
    expect(table.costOf([])).toBe(0);
  });

  it('refuses a hand-built table with a negative or missing price', () => {
    expect(() => new PriceTable({ x: { prompt: -1, completion: 0 } }, { prompt: 1, completion: 1 })).toThrow(
      'price of x must be non-negative',
    );
    expect(() => new PriceTable({}, { prompt: Number.NaN, completion: 1 })).toThrow(
      'price of (unknown models)',
    );
  });

  it('refuses negative or fractional token counts', () => {
    expect(() => table.costOf(usage('gpt-4o', -1, 0))).toThrow(RangeError);
    expect(() => table.costOf(usage('gpt-4o', 1.5, 0))).toThrow(RangeError);
  });

  it('refuses a bad PRICE_TABLE_JSON at config parse time, naming each problem', () => {
    expect(() =>
      config({ PRICE_TABLE_JSON: '{"gpt-4o": {"prompt": -1, "completion": "x", "extra": 1}, "": {}}' }),
    ).toThrow(
      /PRICE_TABLE_JSON.*gpt-4o: unknown field\(s\) extra.*gpt-4o\.prompt: must be a number.*gpt-4o\.completion: must be a number.*model name "" must be 1-100 characters/s,
    );
    expect(() => config({ PRICE_TABLE_JSON: 'not json' })).toThrow(/PRICE_TABLE_JSON is not valid JSON/);
    expect(() => config({ PRICE_TABLE_JSON: '[1]' })).toThrow(/must be a JSON object keyed by model name/);
  });
});
