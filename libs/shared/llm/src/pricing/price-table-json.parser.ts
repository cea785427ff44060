import type { ModelPrice } from './model-price';

const MAX_PRICE_PER_MTOK = 10_000;

export type PriceTableParse =
  { ok: true; prices: Record<string, ModelPrice> } | { ok: false; errors: string[] };

/**
 * Reads PRICE_TABLE_JSON: `{"<model>": {"prompt": <usd per 1M>, "completion": <usd per 1M>}, ...}`.
 * Every problem is collected rather than the first thrown, so one config error names them all.
 */
export function parsePriceTableJson(text: string): PriceTableParse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`is not valid JSON (${(error as Error).message})`] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, errors: ['must be a JSON object keyed by model name'] };
  }
  const errors: string[] = [];
  const prices: Record<string, ModelPrice> = {};
  for (const [model, entry] of Object.entries(parsed)) {
    if (model.trim() === '' || model.length > 100) {
      errors.push(`model name "${model.slice(0, 40)}" must be 1-100 characters`);
      continue;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      errors.push(`${model}: must be {"prompt": number, "completion": number}`);
      continue;
    }
    const { prompt, completion, ...rest } = entry as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0) errors.push(`${model}: unknown field(s) ${extra.join(', ')}`);
    const bad = (value: unknown): boolean =>
      typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_PRICE_PER_MTOK;
    if (bad(prompt))
      errors.push(`${model}.prompt: must be a number from 0 to ${MAX_PRICE_PER_MTOK} (USD per 1M tokens)`);
    if (bad(completion))
      errors.push(
        `${model}.completion: must be a number from 0 to ${MAX_PRICE_PER_MTOK} (USD per 1M tokens)`,
      );
    if (!bad(prompt) && !bad(completion) && extra.length === 0) {
      prices[model] = { prompt: prompt as number, completion: completion as number };
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, prices };
}
