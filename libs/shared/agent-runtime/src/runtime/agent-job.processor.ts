import type { Logger } from 'pino';
import {
  DomainError,
  type AgentComment,
  type AgentFailureCode,
  type AgentJob,
  type AgentResult,
  type AgentRole,
  type AgentUsage,
} from '@shipyard/contracts';
import type { MessageContext } from '@shipyard/shared/jetstream';
import { LlmError, type ChatModel, type PriceTable } from '@shipyard/shared/llm';
import type { AgentJobOutcome } from '../handlers/agent-job.handler';
import type { HandlerRegistry } from '../handlers/handler.registry';
import { modelLabel } from '../handlers/model-label';
import { buildFailedResult, buildSucceededResult } from '../results/agent-result.builder';
import type { ResultStore } from '../results/result-store.port';
import { usd } from './allowance-cap';
import { AllowanceChatModel } from './allowance.chat-model';
import { HeartbeatChatModel } from './heartbeat.chat-model';
import type { ModelFactory } from './model.factory';

export interface AgentJobProcessorOptions {
  role: AgentRole;
  agentId: string;
  registry: HandlerRegistry;
  store: ResultStore;
  publish: (result: AgentResult) => Promise<unknown>;
  modelFor: ModelFactory;
  maxCompletionTokens: number;
  /** Prices a job's calls against its allowance; the same settings as the orchestrator's ledger. */
  prices: PriceTable;
  /** Results larger than this (JSON bytes) are replaced by a failed result: they could not be sent. */
  maxResultBytes: number;
  logger: Logger;
  now?: () => Date;
}

/** A job the handler gave up on for good: reported as a failed result, not retried. */
interface PermanentFailure {
  /** Set when the orchestrator acts on the reason (ALLOWANCE_EXHAUSTED: it may resend with more). */
  code?: AgentFailureCode;
  message: string;
  usage: AgentUsage[];
  author: string;
}

/**
 * One job, idempotent by jobId: a stored result is re-published as is (no model call, no second set of
 * comments or usage); otherwise the role's handler runs, its result is stored with a compare-and-set (so two
 * workers racing on one job publish the same result), published, and only then does the worker ack.
 *
 * Failures: a retryable model error (or any unexpected error) is thrown, so the worker retries with backoff
 * and dead-letters when the attempts run out; a non-retryable one becomes a failed result, acked like any
 * other. Work cut short by the worker (stop timeout) is thrown as retryable and never stored.
 *
 * A job with an `allowance` runs on an AllowanceChatModel: its calls, earlier deliveries' included, stay
 * within it, and running out ends the job with a failed result coded ALLOWANCE_EXHAUSTED.
 */
export class AgentJobProcessor {
  private readonly now: () => Date;

  constructor(private readonly o: AgentJobProcessorOptions) {
    this.now = o.now ?? (() => new Date());
  }

  async process(context: MessageContext<AgentJob>): Promise<void> {
    const job = context.data;
    if (job.role !== this.o.role) {
      // A publisher bug (the subject and the payload disagree): dead-letter it with the reason.
      throw new DomainError(
        'VALIDATION_FAILED',
        `Job for role ${job.role} arrived at the ${this.o.role} agent`,
        [{ path: 'role', messages: [`expected ${this.o.role}`] }],
      );
    }
    const log = this.o.logger.child({
      jobId: job.jobId,
      kind: job.kind,
      deliveryCount: context.deliveryCount,
    });
    const stored = await this.o.store.get(job.jobId);
    if (stored) {
      if (stored.tenantId !== job.tenantId || stored.runId !== job.runId || stored.kind !== job.kind) {
        // Never hand one tenant's or run's result to another job that reused its id: dead-letter instead.
        throw new DomainError('CONFLICT', `jobId ${job.jobId} was already used by another job`, {
          storedRunId: stored.runId,
          storedKind: stored.kind,
        });
      }
      await this.o.publish(stored);
      log.info({ status: stored.status }, 'agent job already done; stored result re-published');
      return;
    }
    log.info('agent job started');
    const result = await this.run(job, context);
    if (context.signal.aborted) throw abandoned(context.signal);
    const kept = await this.o.store.putIfAbsent(result);
    await this.o.publish(kept);
    log.info(
      {
        status: kept.status,
        raced: kept !== result,
        usage: kept.usage.length,
        comments: kept.comments.length,
      },
      'agent job finished',
    );
  }

  private async run(job: AgentJob, context: MessageContext<AgentJob>): Promise<AgentResult> {
    const handler = this.o.registry.get(job.kind);
    if (!handler) {
      return this.failed(job, {
        message: `the ${this.o.role} agent does not do ${job.kind} jobs`,
        usage: [],
        author: this.o.agentId,
      });
    }
    // Read once, before the model runs: the allowance needs it, and so does the result's usage.
    const earlier = await this.spentBefore(job, context.deliveryCount);
    const model = this.modelFor(job, context, earlier);
    let outcome: AgentJobOutcome;
    try {
      outcome = await handler.handle(job, {
        model,
        signal: context.signal,
        maxCompletionTokens: this.o.maxCompletionTokens,
        logger: this.o.logger.child({ jobId: job.jobId, kind: job.kind }),
      });
    } catch (error) {
      if (context.signal.aborted) throw abandoned(context.signal);
      const permanent = permanentFailure(error, model);
      if (!permanent) {
        await this.recordSpent(job, context.deliveryCount, error);
        throw error;
      }
      this.o.logger.warn(
        { jobId: job.jobId, kind: job.kind, reason: permanent.message },
        'agent job failed for good',
      );
      return this.failed(job, { ...permanent, usage: [...earlier, ...permanent.usage] });
    }
    const usage = [...earlier, ...outcome.usage];
    const result = buildSucceededResult({
      job,
      agentId: this.o.agentId,
      finishedAt: this.now(),
      output: outcome.output,
      comments: outcome.comments,
      usage,
    });
    const bytes = Buffer.byteLength(JSON.stringify(result), 'utf8');
    if (bytes <= this.o.maxResultBytes) return result;
    return this.failed(job, {
      message: `the result is ${bytes} bytes, over the ${this.o.maxResultBytes}-byte limit of one message; the model wrote too much for one job`,
      usage,
      author: modelLabel(model, []),
    });
  }

  private modelFor(job: AgentJob, context: MessageContext<AgentJob>, earlier: AgentUsage[]): ChatModel {
    const model = new HeartbeatChatModel(this.o.modelFor(job.model), () => context.heartbeat());
    if (!job.allowance) return model;
    return new AllowanceChatModel(model, {
      allowance: job.allowance,
      spentBefore: earlier,
      prices: this.o.prices,
    });
  }

  /**
   * What earlier deliveries spent. The first delivery has no earlier ones, and skipping the lookup there
   * keeps the common path at one KV read and one KV write per job.
   */
  private async spentBefore(job: AgentJob, deliveryCount: number): Promise<AgentUsage[]> {
    return deliveryCount > 1 ? this.o.store.spentBefore(job.jobId) : [];
  }

  /**
   * Keeps the tokens a retryable failure already spent, so the result of a later delivery reports them.
   * Best effort: failing to record them must not turn a retryable failure into something else.
   */
  private async recordSpent(job: AgentJob, deliveryCount: number, error: unknown): Promise<void> {
    if (!(error instanceof LlmError) || error.usage.length === 0) return;
    try {
      await this.o.store.recordSpent(job.jobId, deliveryCount, error.usage);
    } catch (recordError) {
      this.o.logger.warn(
        { jobId: job.jobId, err: recordError, tokens: error.usage.length },
        'could not record the usage of a failed attempt; the ledger will miss it',
      );
    }
  }

  private failed(job: AgentJob, failure: PermanentFailure): AgentResult {
    const comment: AgentComment = {
      commentType: 'BLOCKER',
      body: failureComment(job, failure).slice(0, 50_000),
      blockers: [failure.message.slice(0, 1000)],
    };
    return buildFailedResult({
      job,
      agentId: this.o.agentId,
      usage: failure.usage,
      comments: [comment],
      failureMessage: failure.message,
      ...(failure.code ? { failureCode: failure.code } : {}),
      finishedAt: this.now(),
    });
  }
}

/**
 * An exhausted allowance is not the end of the task: the orchestrator decides whether the budget can pay
 * for another try, so the comment must not promise that nothing more will happen.
 */
function failureComment(job: AgentJob, failure: PermanentFailure): string {
  if (failure.code === 'ALLOWANCE_EXHAUSTED') {
    const allowance = job.allowance
      ? ` of ${job.allowance.tokens} tokens / ${usd(job.allowance.costUsd)}`
      : '';
    return `${job.kind} stopped at its allowance${allowance} (reported by ${failure.author}): ${failure.message}. The orchestrator sends it again with a larger allowance if the run's budget has room.`;
  }
  return `${job.kind} failed and will not be retried (reported by ${failure.author}): ${failure.message}`;
}

/**
 * Non-retryable model errors and non-retryable domain errors (input no retry can fix) end the job with a
 * failed result; everything else is for the worker to retry. Returns undefined for the retryable ones.
 */
function permanentFailure(
  error: unknown,
  model: { provider: string; model: string },
): PermanentFailure | undefined {
  const author = modelLabel(model, []);
  if (error instanceof LlmError) {
    if (error.retryable) return undefined;
    return {
      ...(error.code === 'ALLOWANCE_EXHAUSTED' ? { code: 'ALLOWANCE_EXHAUSTED' as const } : {}),
      message: error.toFailure().message,
      usage: [...error.usage],
      author,
    };
  }
  if (error instanceof DomainError && !error.retryable) {
    return { message: `${error.code}: ${error.message}`, usage: [], author };
  }
  return undefined;
}

function abandoned(signal: AbortSignal): Error {
  const reason = signal.reason instanceof Error ? signal.reason.message : 'the worker gave up on the job';
  // A plain Error is retryable for the worker: the job is handed back (or redelivered after AckWait).
  return new Error(`job abandoned before its result was stored: ${reason}`);
}
