import type { AgentUsage } from '@shipyard/contracts';
import { OFFLINE_LABEL, OFFLINE_PROVIDER, type ChatModel } from '@shipyard/shared/llm';

/**
 * How a comment names the model that produced it. The offline model always names itself with its fixed
 * label, so nobody reading the audit trail takes its text for a real model's; a real model is named by
 * provider and the exact version the endpoint reported (from the usage), falling back to the requested one.
 */
export function modelLabel(
  model: Pick<ChatModel, 'provider' | 'model'>,
  usage: readonly AgentUsage[],
): string {
  if (model.provider === OFFLINE_PROVIDER) return OFFLINE_LABEL;
  const reported = usage.at(-1)?.model ?? model.model;
  return `${model.provider} model ${reported}`;
}
