import type { ChatModel, ChatRequest, ChatResponse, ChatUsage, FinishReason } from '../chat-model.port';
import type { LlmLogger } from '../llm-logger';
import { LlmError } from '../llm.errors';
import { readJobFromPrompt } from '../prompts/job-prompt.reader';
import { validateChatRequest } from '../chat-request.validator';
import { chatPromptText } from '../chat-prompt-text';
import { abortableDelay } from './abortable-delay';
import { CHARS_PER_TOKEN, estimateTokens } from './estimate-tokens';
import { OFFLINE_GENERATORS } from './generators/offline-generators';
import { readRound } from './job-input.reader';
import { OFFLINE_LABEL, OFFLINE_MODEL, OFFLINE_PROVIDER } from './offline-identity';
import { extractMarkerText, parseOfflineMarkers } from './offline-markers.parser';
import { SeededRandom } from './seeded-random';

export interface OfflineChatModelOptions {
  /** Simulated time per call (OFFLINE_MODEL_LATENCY_MS). */
  latencyMs: number;
  /** Scales the token counts (OFFLINE_MODEL_TOKEN_MULTIPLIER). */
  tokenMultiplier: number;
  logger?: LlmLogger;
  /** Injected in tests; `performance.now` otherwise. */
  now?: () => number;
  /** Injected in tests; a timer that honours the abort signal otherwise. */
  delay?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * A deterministic model with no network: it reads the job `buildJobPrompt` put in the prompt and answers
 * with a plausible output of that job's kind, written by a small generator per kind. Same prompt, same
 * answer (temperature is ignored). Test scripts steer it with `[offline:...]` markers in the job input;
 * see the library README. Prompts that carry no job get a short text saying what this model is.
 */
export class OfflineChatModel implements ChatModel {
  readonly provider = OFFLINE_PROVIDER;
  readonly model = OFFLINE_MODEL;
  private readonly now: () => number;
  private readonly delay: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: OfflineChatModelOptions) {
    if (!Number.isInteger(options.latencyMs) || options.latencyMs < 0)
      throw new RangeError('latencyMs must be a non-negative integer');
    if (!Number.isFinite(options.tokenMultiplier) || options.tokenMultiplier < 0)
      throw new RangeError('tokenMultiplier must be a non-negative number');
    this.now = options.now ?? (() => performance.now());
    this.delay = options.delay ?? abortableDelay;
  }

  /** Exact: `complete` reports this very count (both go through countPrompt). */
  promptTokens(request: ChatRequest): number {
    validateChatRequest(request);
    return this.countPrompt(request);
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    validateChatRequest(request);
    const started = this.now();
    const promptTokens = this.countPrompt(request);
    try {
      await this.delay(this.options.latencyMs, request.signal);
    } catch {
      throw new LlmError('ABORTED', 'The offline model call was aborted by the caller', { retryable: false });
    }
    const content = this.answer(request, promptTokens);
    const { text, finishReason, completionTokens } = this.truncate(content, request.maxTokens);
    return {
      content: text,
      usage: this.usage(promptTokens, completionTokens),
      finishReason,
      usageEstimated: false,
      latencyMs: this.now() - started,
    };
  }

  private answer(request: ChatRequest, promptTokens: number): string {
    const read = readJobFromPrompt(request.messages);
    if (!read.found) {
      const note = `${OFFLINE_LABEL}: this prompt carries no Shipyard job (${read.reason}), so there is nothing to generate.`;
      return request.responseFormat === 'json' ? JSON.stringify({ note }) : note;
    }
    const { job } = read;
    const markerText = extractMarkerText(JSON.stringify(job.input));
    const { markers, problems } = parseOfflineMarkers(markerText.join(' '));
    if (problems.length > 0)
      this.options.logger?.warn({ problems, kind: job.kind }, 'Offline model ignored invalid markers');
    const spent = [this.usage(promptTokens, 0)];
    if (markers.failKinds.includes(job.kind)) {
      throw new LlmError(
        'SCRIPTED_FAILURE',
        `${OFFLINE_LABEL}: scripted non-retryable failure for ${job.kind} ([offline:fail-kind])`,
        { retryable: false, usage: spent },
      );
    }
    if (markers.failKindsRetryable.includes(job.kind)) {
      throw new LlmError(
        'SCRIPTED_FAILURE',
        `${OFFLINE_LABEL}: scripted retryable failure for ${job.kind} ([offline:fail-kind-retryable])`,
        { retryable: true, usage: spent },
      );
    }
    // A turn after the job message is a correction request (structured-output retry): answer it properly.
    const isCorrection = request.messages.length > read.messageIndex + 1;
    if (markers.invalidJsonKinds.includes(job.kind) && !isCorrection) {
      return `{"note": "${OFFLINE_LABEL}: scripted malformed answer ([offline:invalid-json])", "incomplete": [`;
    }
    const output = OFFLINE_GENERATORS[job.kind]({
      job,
      markers,
      markerText,
      round: readRound(job),
      random: new SeededRandom(JSON.stringify(job)),
    });
    return JSON.stringify(output);
  }

  private countPrompt(request: ChatRequest): number {
    return estimateTokens(chatPromptText(request), this.options.tokenMultiplier);
  }

  /** A real model stops at max tokens mid-answer; so does this one, and says so. */
  private truncate(
    content: string,
    maxTokens: number | undefined,
  ): { text: string; finishReason: FinishReason; completionTokens: number } {
    const completionTokens = estimateTokens(content, this.options.tokenMultiplier);
    if (maxTokens === undefined || completionTokens <= maxTokens)
      return { text: content, finishReason: 'stop', completionTokens };
    const chars = Math.floor(
      (maxTokens * CHARS_PER_TOKEN) / Math.max(this.options.tokenMultiplier, Number.EPSILON),
    );
    return { text: content.slice(0, chars), finishReason: 'length', completionTokens: maxTokens };
  }

  private usage(promptTokens: number, completionTokens: number): ChatUsage {
    return { provider: OFFLINE_PROVIDER, model: OFFLINE_MODEL, promptTokens, completionTokens };
  }
}
