import {
  buildJobPrompt,
  DelegatingChatModel,
  completeStructured,
  JOB_OUTPUT_SCHEMAS,
  LlmError,
  OfflineChatModel,
  PriceTable,
  type ChatRequest,
  type ChatResponse,
  type ChatUsage,
} from '@shipyard/shared/llm';
import { makeAgentJob, SAMPLE_INPUTS } from '../testing/make-agent-job';
import { AllowanceChatModel } from './allowance.chat-model';

/** Real: the offline model, completeStructured, the price table. Nothing is faked. */

// Odd prices, so rounding would show; the offline model is the one priced.
const PRICES = new PriceTable(
  { 'shipyard-offline-1': { prompt: 3, completion: 7 } },
  { prompt: 15, completion: 60 },
);
const ROOMY_TOKENS = 10_000_000;
const ROOMY_USD = 1000;
const schema = JOB_OUTPUT_SCHEMAS.implement;

/** The model under the allowance, recording what it was asked and every usage it reported (answer or error). */
class Recording extends DelegatingChatModel {
  readonly requests: ChatRequest[] = [];
  readonly reported: ChatUsage[] = [];

  async complete(request: ChatRequest): Promise<ChatResponse> {
    this.requests.push(request);
    try {
      const response = await this.inner.complete(request);
      this.reported.push(response.usage);
      return response;
    } catch (error) {
      if (error instanceof LlmError) this.reported.push(...error.usage);
      throw error;
    }
  }
}

function jobRequest(input: Record<string, unknown> = SAMPLE_INPUTS.implement) {
  const job = makeAgentJob('implement', { input });
  return {
    ...buildJobPrompt({ role: job.role, kind: job.kind, attempt: job.attempt, input: job.input }),
    maxTokens: 8000,
  };
}

const tokensOf = (usage: readonly ChatUsage[]): number =>
  usage.reduce((sum, u) => sum + u.promptTokens + u.completionTokens, 0);
/** What the orchestrator's ledger records: each line's cost rounded to 6 decimals. */
const ledgerCostOf = (usage: readonly ChatUsage[]): number =>
  usage.reduce((sum, u) => sum + Number(PRICES.costOf(u).toFixed(6)), 0);

type Settled = { ok: true; usage: ChatUsage[] } | { ok: false; error: LlmError; usage: ChatUsage[] };

async function settle(promise: Promise<{ usage: ChatUsage[] }>): Promise<Settled> {
  try {
    return { ok: true, usage: (await promise).usage };
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    return { ok: false, error, usage: error.usage };
  }
}

describe.each([1, 5])('AllowanceChatModel over the offline model (token multiplier %d)', (multiplier) => {
  const offline = (): OfflineChatModel => new OfflineChatModel({ latencyMs: 0, tokenMultiplier: multiplier });
  const capped = (
    allowance: { tokens: number; costUsd: number },
    spentBefore: ChatUsage[] = [],
  ): { inner: Recording; model: AllowanceChatModel } => {
    const inner = new Recording(offline());
    return { inner, model: new AllowanceChatModel(inner, { allowance, spentBefore, prices: PRICES }) };
  };
  const oneCall = jobRequest();
  // The first answer is malformed, so the job takes a correction turn: two calls.
  const twoCalls = jobRequest({ ...SAMPLE_INPUTS.implement, note: '[offline:invalid-json=implement]' });

  it('changes nothing about a job its allowance covers', async () => {
    for (const request of [oneCall, twoCalls]) {
      const plain = await completeStructured(offline(), request, schema);
      const { inner, model } = capped({ tokens: ROOMY_TOKENS, costUsd: ROOMY_USD });
      const result = await completeStructured(model, request, schema);
      expect(result.value).toEqual(plain.value);
      expect(result.usage).toEqual(plain.usage);
      expect(result.attempts).toBe(plain.attempts);
      expect(inner.requests.map((r) => r.maxTokens)).toEqual(plain.usage.map(() => 8000));
    }
  });

  it.each([
    ['one call', oneCall],
    ['a correction turn', twoCalls],
  ])(
    'keeps the usage within a tight token allowance, counting every call once (%s)',
    async (_name, request) => {
      const { usage: full } = await completeStructured(offline(), request, schema);
      const needed = tokensOf(full);
      const prompt = full[0]!.promptTokens;
      for (const tokens of [1, prompt - 1, prompt + 15, prompt + 16, prompt + 17, needed - 40, needed - 1]) {
        const { inner, model } = capped({ tokens, costUsd: ROOMY_USD });
        const settled = await settle(completeStructured(model, request, schema));
        expect(settled).toMatchObject({
          ok: false,
          error: { code: 'ALLOWANCE_EXHAUSTED', retryable: false },
        });
        // Exactly what the model billed: no call lost, none counted twice by completeStructured.
        expect(settled.usage).toEqual(inner.reported);
        expect(tokensOf(settled.usage)).toBeLessThanOrEqual(tokens);
      }
      const exact = await settle(
        completeStructured(capped({ tokens: needed, costUsd: ROOMY_USD }).model, request, schema),
      );
      expect(exact).toEqual({ ok: true, usage: full });
    },
  );

  it('keeps the usage within a tight USD allowance, as the ledger rounds it', async () => {
    const { usage: full } = await completeStructured(offline(), twoCalls, schema);
    const neededUsd = PRICES.costOf(full);
    const promptUsd = PRICES.costOf({ ...full[0]!, completionTokens: 0 });
    for (const costUsd of [0, promptUsd / 2, promptUsd + 1e-5, neededUsd / 2, neededUsd - 1e-7]) {
      const { inner, model } = capped({ tokens: ROOMY_TOKENS, costUsd });
      const settled = await settle(completeStructured(model, twoCalls, schema));
      expect(settled).toMatchObject({ ok: false, error: { code: 'ALLOWANCE_EXHAUSTED' } });
      expect(settled.usage).toEqual(inner.reported);
      expect(PRICES.costOf(settled.usage)).toBeLessThanOrEqual(costUsd);
      expect(ledgerCostOf(settled.usage)).toBeLessThanOrEqual(costUsd);
    }
    // The rounding margin is a micro-dollar per call (two here), no more.
    const enough = await settle(
      completeStructured(capped({ tokens: ROOMY_TOKENS, costUsd: neededUsd + 3e-6 }).model, twoCalls, schema),
    );
    expect(enough).toEqual({ ok: true, usage: full });
  });

  it('refuses a call whose prompt does not fit, without calling the model', async () => {
    const prompt = offline().promptTokens({ ...oneCall, responseFormat: 'json' });
    const promptUsd = (prompt * 3) / 1_000_000;
    for (const allowance of [
      { tokens: prompt - 1, costUsd: ROOMY_USD },
      { tokens: prompt + 10, costUsd: ROOMY_USD }, // fits, but leaves no room for an answer
      { tokens: ROOMY_TOKENS, costUsd: promptUsd / 2 },
    ]) {
      const { inner, model } = capped(allowance);
      const error = await model.complete({ ...oneCall, responseFormat: 'json' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LlmError);
      expect(error).toMatchObject({ code: 'ALLOWANCE_EXHAUSTED', retryable: false, usage: [] });
      expect((error as LlmError).message).toContain(`job allowance ${allowance.tokens} tokens`);
      expect((error as LlmError).message).toContain(`${prompt}`);
      expect(inner.requests).toEqual([]);
    }
  });

  it('counts what earlier deliveries spent', async () => {
    const request: ChatRequest = { ...oneCall, responseFormat: 'json' };
    const prompt = offline().promptTokens(request);
    const earlier: ChatUsage[] = [
      { provider: 'offline', model: 'shipyard-offline-1', promptTokens: 600, completionTokens: 400 },
    ];
    const { inner, model } = capped({ tokens: 1000 + prompt + 30, costUsd: ROOMY_USD }, earlier);
    const error = await model.complete(request).catch((e: unknown) => e);
    expect(inner.requests[0]?.maxTokens).toBe(30);
    // The error carries this delivery's call only: the processor adds the earlier deliveries' usage.
    expect(error).toMatchObject({ code: 'ALLOWANCE_EXHAUSTED', usage: inner.reported });
    expect(tokensOf([...earlier, ...inner.reported])).toBe(1000 + prompt + 30);

    const spentOut = capped({ tokens: 1000 + prompt, costUsd: ROOMY_USD }, earlier);
    await expect(spentOut.model.complete(request)).rejects.toMatchObject({ code: 'ALLOWANCE_EXHAUSTED' });
    expect(spentOut.inner.requests).toEqual([]);

    // USD too: the earlier call's cost leaves less than this prompt costs.
    const earlierUsd = PRICES.costOf(earlier);
    const poorer = capped({ tokens: ROOMY_TOKENS, costUsd: earlierUsd + (prompt * 3) / 1_000_000 }, earlier);
    await expect(poorer.model.complete(request)).rejects.toMatchObject({ code: 'ALLOWANCE_EXHAUSTED' });
    expect(poorer.inner.requests).toEqual([]);
  });

  it("keeps the caller's lower maxTokens, and an answer cut there is the caller's limit, not the allowance's", async () => {
    const { inner, model } = capped({ tokens: ROOMY_TOKENS, costUsd: ROOMY_USD });
    const response = await model.complete({ ...oneCall, maxTokens: 20, responseFormat: 'json' });
    expect(inner.requests[0]?.maxTokens).toBe(20);
    expect(response.finishReason).toBe('length');
    expect(response.usage.completionTokens).toBe(20);
  });

  it('holds concurrent calls to the allowance by reserving each one until it returns', async () => {
    const request: ChatRequest = { ...oneCall, responseFormat: 'json' };
    const prompt = offline().promptTokens(request);
    const { inner, model } = capped({ tokens: prompt + 110, costUsd: ROOMY_USD });
    const [first, second] = await Promise.allSettled([model.complete(request), model.complete(request)]);
    // The first takes all 110 tokens (and is cut there); the second, started meanwhile, finds nothing left.
    expect(first).toMatchObject({ status: 'rejected', reason: { code: 'ALLOWANCE_EXHAUSTED' } });
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'ALLOWANCE_EXHAUSTED', usage: [] } });
    expect(inner.requests.map((r) => r.maxTokens)).toEqual([110]);
    expect(tokensOf(inner.reported)).toBe(prompt + 110);
  });
});
