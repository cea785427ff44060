import type { AgentComment, AgentJob, AgentUsage, JobKind } from '@shipyard/contracts';
import type { ChatModel } from '@shipyard/shared/llm';
import type { Logger } from 'pino';

/** What the runtime gives a role handler for one job. */
export interface AgentJobContext {
  /**
   * The model chosen for the job's `model` config, already heartbeating the job on every call and, when the
   * job has an allowance, holding every call to it (an `ALLOWANCE_EXHAUSTED` LlmError when it runs out).
   */
  model: ChatModel;
  /** Aborted when the worker gives up on the job (stop timeout, handler timeout): stop, do not finish. */
  signal: AbortSignal;
  /** Upper bound on completion tokens per model call (AGENT_MAX_COMPLETION_TOKENS). */
  maxCompletionTokens: number;
  logger: Logger;
}

/** What a role handler produced: the kind's output, every model call's usage, and audit-trail comments. */
export interface AgentJobOutcome {
  output: object;
  usage: AgentUsage[];
  comments: AgentComment[];
}

/**
 * One job kind's work for a role. Handlers do not store or publish anything: the runtime records the
 * outcome once per jobId, so a handler may run again on a redelivery that came before the result was
 * stored, and nothing it did is visible twice. Throw an `LlmError` (retryable or not) as the model gave it;
 * throw a non-retryable `DomainError` for input that no retry can fix.
 */
export interface AgentJobHandler {
  readonly kind: JobKind;
  handle(job: AgentJob, context: AgentJobContext): Promise<AgentJobOutcome>;
}
