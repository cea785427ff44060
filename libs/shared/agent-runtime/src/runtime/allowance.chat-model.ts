import type { JobAllowance } from '@shipyard/contracts';
import {
  DelegatingChatModel,
  LlmError,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type ChatUsage,
  type PriceTable,
} from '@shipyard/shared/llm';
import { allowanceCap, usd } from './allowance-cap';

export interface AllowanceChatModelOptions {
  allowance: Pick<JobAllowance, 'tokens' | 'costUsd'>;
  /** What earlier deliveries of the job spent (the store's `spentBefore`). */
  spentBefore: readonly ChatUsage[];
  /** Must price like the orchestrator's ledger, or the two disagree on what is left. */
  prices: PriceTable;
}

/**
 * One job's model, held to the job's allowance: each call's completion is capped (`maxTokens`) to what the
 * allowance has left after everything the job spent, this call's prompt included; a call that cannot fit
 * is refused before it is made, and an answer cut at that cap ends the job. Both throw a non-retryable
 * `ALLOWANCE_EXHAUSTED` carrying only the usage of the call that raised it (none for a refusal), because
 * `completeStructured` adds its earlier calls' usage to an error it rethrows.
 *
 * The bound is exact when `promptTokens` is (the offline model); on a real model it is as good as the
 * prompt estimate. Concurrent calls are held to it too: each reserves its whole cap until it returns.
 */
export class AllowanceChatModel extends DelegatingChatModel {
  private readonly spent: ChatUsage[];
  private readonly inFlight = new Set<ChatUsage>();

  constructor(
    inner: ChatModel,
    private readonly o: AllowanceChatModelOptions,
  ) {
    super(inner);
    this.spent = [...o.spentBefore];
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    const promptTokens = this.inner.promptTokens(request);
    const cap = allowanceCap({
      allowance: this.o.allowance,
      spent: [...this.spent, ...this.inFlight],
      prices: this.o.prices,
      model: this.inner.model,
      promptTokens,
      requestMaxTokens: request.maxTokens,
    });
    if (!cap.ok) throw this.exhausted(`the next call cannot fit: ${cap.reason}`, [], promptTokens);

    const reservation: ChatUsage = {
      provider: this.inner.provider,
      model: this.inner.model,
      promptTokens,
      completionTokens: cap.maxTokens,
    };
    this.inFlight.add(reservation);
    let response: ChatResponse;
    try {
      response = await this.inner.complete({ ...request, maxTokens: cap.maxTokens });
    } catch (error) {
      // A failed call may still have been billed (a refusal, a scripted failure): later calls pay for it.
      if (error instanceof LlmError) this.spent.push(...error.usage);
      throw error;
    } finally {
      this.inFlight.delete(reservation);
    }
    this.spent.push(response.usage);
    if (response.finishReason === 'length' && cap.binding) {
      throw this.exhausted(
        `the answer was cut at ${cap.maxTokens} completion tokens, all the allowance had left for it`,
        [response.usage],
        promptTokens,
      );
    }
    return response;
  }

  private exhausted(why: string, usage: ChatUsage[], promptTokens: number): LlmError {
    const { tokens, costUsd } = this.o.allowance;
    const spentTokens = this.spent.reduce((sum, u) => sum + u.promptTokens + u.completionTokens, 0);
    const spentCost = this.o.prices.costOf(this.spent);
    return new LlmError(
      'ALLOWANCE_EXHAUSTED',
      `job allowance ${tokens} tokens / ${usd(costUsd)}, spent ${spentTokens} tokens / ${usd(spentCost)} (earlier deliveries included): ${why}`,
      {
        retryable: false,
        usage,
        details: {
          allowance: { tokens, costUsd },
          spent: { tokens: spentTokens, costUsd: spentCost },
          promptTokens,
        },
      },
    );
  }
}
