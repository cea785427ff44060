import type { ChatUsage } from '../chat-model.port';
import type { LlmConfig } from '../llm.config';
import { OFFLINE_MODEL } from '../offline/offline-identity';
import { DEFAULT_PRICES } from './default-prices';
import type { ModelPrice } from './model-price';
import { parsePriceTableJson } from './price-table-json.parser';

/** Where a model's price came from: its own entry, a versioned name's base entry, or the unknown-model rate. */
export interface PriceLookup {
  price: ModelPrice;
  source: 'table' | 'default-rate';
  /** The table entry used (`gpt-4o-mini` for `gpt-4o-mini-2024-07-18`), absent for the default rate. */
  entry?: string;
}

/**
 * Prices model usage in USD. Endpoints answer with versioned names (`gpt-4o-2024-08-06`), so a name with
 * no entry of its own takes the longest table entry it starts with (followed by `-`); anything else
 * costs the configured unknown-model rate, never 0.
 */
export class PriceTable {
  private readonly entries: ReadonlyMap<string, ModelPrice>;

  constructor(
    prices: Readonly<Record<string, ModelPrice>>,
    private readonly unknownModelPrice: ModelPrice,
  ) {
    for (const [model, price] of [
      ...Object.entries(prices),
      ['(unknown models)', unknownModelPrice] as const,
    ]) {
      assertPrice(model, price);
    }
    this.entries = new Map(Object.entries(prices));
  }

  /** Defaults, then the offline model at OFFLINE_MODEL_PRICE_PER_MTOK, then PRICE_TABLE_JSON over both. */
  static fromConfig(config: LlmConfig): PriceTable {
    const offline = config.OFFLINE_MODEL_PRICE_PER_MTOK;
    let overrides: Record<string, ModelPrice> = {};
    if (config.PRICE_TABLE_JSON !== undefined) {
      const parsed = parsePriceTableJson(config.PRICE_TABLE_JSON);
      // parseConfig has already refused a bad table; this guards configs built by hand.
      if (!parsed.ok) throw new Error(`PRICE_TABLE_JSON ${parsed.errors.join('; ')}`);
      overrides = parsed.prices;
    }
    return new PriceTable(
      { ...DEFAULT_PRICES, [OFFLINE_MODEL]: { prompt: offline, completion: offline }, ...overrides },
      {
        prompt: config.UNKNOWN_MODEL_PROMPT_PRICE_PER_MTOK,
        completion: config.UNKNOWN_MODEL_COMPLETION_PRICE_PER_MTOK,
      },
    );
  }

  lookup(model: string): PriceLookup {
    const exact = this.entries.get(model);
    if (exact) return { price: exact, source: 'table', entry: model };
    let best: string | undefined;
    for (const name of this.entries.keys()) {
      if (model.startsWith(`${name}-`) && (best === undefined || name.length > best.length)) best = name;
    }
    const base = best === undefined ? undefined : this.entries.get(best);
    if (best !== undefined && base) return { price: base, source: 'table', entry: best };
    return { price: this.unknownModelPrice, source: 'default-rate' };
  }

  /** USD for one usage record (or a sum of them when given an array). */
  costOf(usage: ChatUsage | readonly ChatUsage[]): number {
    const all: readonly ChatUsage[] = Array.isArray(usage) ? usage : [usage as ChatUsage];
    let total = 0;
    for (const one of all) {
      assertTokenCount(one.promptTokens, 'promptTokens');
      assertTokenCount(one.completionTokens, 'completionTokens');
      const { price } = this.lookup(one.model);
      total += (one.promptTokens * price.prompt + one.completionTokens * price.completion) / 1_000_000;
    }
    return total;
  }
}

function assertPrice(model: string, price: ModelPrice): void {
  for (const value of [price.prompt, price.completion]) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`price of ${model} must be non-negative USD per 1M tokens, got ${String(value)}`);
    }
  }
}

function assertTokenCount(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${field} must be a non-negative integer, got ${value}`);
}
