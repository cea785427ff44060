import { MAX_MAX_TOKENS, PriceTable, type ChatUsage } from '@shipyard/shared/llm';
import { allowanceCap, MIN_COMPLETION_TOKENS, type CapInput } from './allowance-cap';

const MODEL = 'shipyard-offline-1';
const line = (promptTokens: number, completionTokens: number): ChatUsage => ({
  provider: 'offline',
  model: MODEL,
  promptTokens,
  completionTokens,
});
const pricedAt = (prompt: number, completion: number): PriceTable =>
  new PriceTable({ [MODEL]: { prompt, completion } }, { prompt: 15, completion: 60 });

function cap(overrides: Partial<CapInput>) {
  return allowanceCap({
    allowance: { tokens: 10_000, costUsd: 1000 },
    spent: [],
    prices: pricedAt(0, 0),
    model: MODEL,
    promptTokens: 100,
    requestMaxTokens: undefined,
    ...overrides,
  });
}

describe('allowanceCap', () => {
  it('gives the caller its own maxTokens when the allowance has more, and says the allowance did not bind', () => {
    expect(cap({ requestMaxTokens: 500 })).toEqual({ ok: true, maxTokens: 500, binding: false });
    expect(cap({ requestMaxTokens: 9900 })).toEqual({ ok: true, maxTokens: 9900, binding: false });
  });

  it('caps at what is left after everything spent and the prompt', () => {
    expect(cap({ spent: [line(3000, 1000)], requestMaxTokens: 8000 })).toEqual({
      ok: true,
      maxTokens: 5900,
      binding: true,
    });
    // No maxTokens from the caller: the allowance sets one, within what a request may ask for.
    expect(cap({ allowance: { tokens: 50_000_000, costUsd: 1000 } })).toEqual({
      ok: true,
      maxTokens: MAX_MAX_TOKENS,
      binding: false,
    });
  });

  it(`refuses fewer than ${MIN_COMPLETION_TOKENS} completion tokens, unless the caller asked for fewer`, () => {
    const tight = { allowance: { tokens: 100 + MIN_COMPLETION_TOKENS - 1, costUsd: 1000 } };
    expect(cap(tight)).toMatchObject({ ok: false });
    expect(cap({ ...tight, requestMaxTokens: 10 })).toEqual({ ok: true, maxTokens: 10, binding: false });
  });

  it('lets a free model run on a $0 allowance, but not a priced one', () => {
    expect(cap({ allowance: { tokens: 10_000, costUsd: 0 } })).toMatchObject({ ok: true });
    expect(cap({ allowance: { tokens: 10_000, costUsd: 0 }, prices: pricedAt(0, 1) })).toMatchObject({
      ok: false,
    });
  });

  it('prices the call with the model it goes to', () => {
    // 2 USD per 1M completion tokens: $0.001 pays for 500 of them, less the rounding margin.
    const prices = pricedAt(0, 2);
    expect(cap({ prices, allowance: { tokens: 10_000, costUsd: 0.001 } })).toEqual({
      ok: true,
      maxTokens: 499,
      binding: true,
    });
    // An unpriced model costs the unknown-model rate (15 / 60), never nothing: the 100-token prompt costs
    // $0.0015, and the $0.008499 left after it pays for 141 completion tokens at $60 per 1M.
    expect(cap({ prices, model: 'some-model', allowance: { tokens: 10_000, costUsd: 0.01 } })).toEqual({
      ok: true,
      maxTokens: 141,
      binding: true,
    });
  });

  it('never lets the ledger, which rounds each line to 6 decimals, record more than the allowance', () => {
    // Lines of 0.7 micro-dollars each, which the ledger records as 1: without a margin three of them
    // ($2.1e-6) would seem to fit in $2.5e-6, and the ledger would record $3e-6.
    const prices = pricedAt(0.35, 0.35);
    const ledger = (usage: ChatUsage[]): number =>
      usage.reduce((sum, u) => sum + Number(prices.costOf(u).toFixed(6)), 0);
    let allowed = 0;
    for (let step = 1; step <= 200; step++) {
      const costUsd = step * 0.05e-6;
      const spent = [line(1, 1), line(2, 0)];
      const decision = cap({
        prices,
        spent,
        promptTokens: 1,
        requestMaxTokens: 1,
        allowance: { tokens: 10_000, costUsd },
      });
      if (!decision.ok) continue;
      allowed++;
      expect(ledger([...spent, line(1, decision.maxTokens)])).toBeLessThanOrEqual(costUsd + 1e-12);
    }
    expect(allowed).toBeGreaterThan(0);
  });
});
