import type { AgentJob, AgentUsage } from '@shipyard/contracts';
import { buildJobPrompt, completeStructured, JOB_OUTPUT_SCHEMAS } from '@shipyard/shared/llm';
import type { AgentJobContext } from './agent-job.handler';
import { modelLabel } from './model-label';

export interface ModelAnswer<T> {
  /** The kind's output, validated against JOB_OUTPUT_SCHEMAS[kind], as a plain JSON object. */
  value: T;
  /** One entry per model call (two after a correction turn). */
  usage: AgentUsage[];
  /** How comments name the model that wrote them. */
  author: string;
}

/**
 * The one way a role handler asks its model: the shared job prompt, structured output checked against the
 * kind's schema (one correction turn), and the usage of every call. `T` is the kind's output type from
 * agent-outputs.ts; the schema guarantees the shape.
 */
export async function askModel<T extends object>(
  job: AgentJob,
  context: AgentJobContext,
): Promise<ModelAnswer<T>> {
  const prompt = buildJobPrompt({ role: job.role, kind: job.kind, attempt: job.attempt, input: job.input });
  const { value, usage } = await completeStructured(
    context.model,
    { ...prompt, maxTokens: context.maxCompletionTokens, signal: context.signal },
    JOB_OUTPUT_SCHEMAS[job.kind],
  );
  // The schema hands back class instances; results travel as JSON, so keep plain data from here on.
  const plain = JSON.parse(JSON.stringify(value)) as T;
  return { value: plain, usage, author: modelLabel(context.model, usage) };
}
