import type { AgentRole, JobKind } from '@shipyard/contracts';

/**
 * The part of an `AgentJob` a model sees. Ids of tenant, run and job stay out: they tell a model nothing,
 * and leaving them out keeps the offline model's answer the same for the same work in any run.
 */
export interface PromptedJob {
  role: AgentRole;
  kind: JobKind;
  attempt: number;
  input: Record<string, unknown>;
}
