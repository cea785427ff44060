import type { ModelPrice } from './model-price';

/**
 * List prices (USD per 1M tokens) of the models the default run config uses, as published by OpenAI.
 * They change; deployments override them with PRICE_TABLE_JSON rather than waiting for a release.
 */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = Object.freeze({
  'gpt-4o': { prompt: 2.5, completion: 10 },
  'gpt-4o-mini': { prompt: 0.15, completion: 0.6 },
  o3: { prompt: 2, completion: 8 },
});
