/**
 * What every agent app's spec checks for its role: each of its kinds, published as the orchestrator
 * publishes it, comes back on agent.v1.result.<role> as a succeeded, contract-valid result whose output
 * passes the kind's schema, with usage and comments that name the model. Shared so the seven apps check
 * the same thing the same way; it reports problems as strings so it needs no test framework.
 */
import type { AgentResult, AgentRole, JobKind } from '@shipyard/contracts';
import { resultSubject } from '@shipyard/contracts';
import { JOB_OUTPUT_SCHEMAS, OFFLINE_LABEL, OFFLINE_MODEL, OFFLINE_PROVIDER } from '@shipyard/shared/llm';
import type { AgentJobHandler } from '../handlers/agent-job.handler';
import { AgentRuntimeHarness, type StoredMessage } from './agent-runtime.harness';
import { agentTestConfig } from './agent-test.config';
import { CountingModels } from './counting.chat-model';
import { makeAgentJob } from './make-agent-job';

export interface RoleRoundTrip {
  harness: AgentRuntimeHarness;
  models: CountingModels;
  /** Publishes a job of `kind` (input replaced when given) and waits for its result. */
  run(kind: JobKind, input?: Record<string, unknown>): Promise<StoredMessage<AgentResult>>;
}

/** Starts the role's runtime on a harness of its own, with the offline model behind a call counter. */
export async function startRoleRoundTrip(
  role: AgentRole,
  handlers: readonly AgentJobHandler[],
): Promise<RoleRoundTrip> {
  const harness = await AgentRuntimeHarness.create();
  const models = new CountingModels(agentTestConfig(harness.prefix).llm);
  await harness.startRuntime({ role, handlers, modelFor: models.modelFor });
  return {
    harness,
    models,
    async run(kind, input) {
      const job = makeAgentJob(kind, input ? { input } : {});
      await harness.publishJob(job);
      return harness.firstResult(job.jobId, 15_000);
    },
  };
}

/**
 * Everything wrong with a role's result for a `kind` job on the offline model; empty when it is what the
 * orchestrator expects. Specs assert `toEqual([])`, so a failure lists every problem at once.
 */
export function resultProblems(stored: StoredMessage<AgentResult>, prefix: string, kind: JobKind): string[] {
  const result = stored.data;
  const problems: string[] = [];
  if (stored.subject !== `${prefix}${resultSubject(result.role)}`)
    problems.push(`published on ${stored.subject}`);
  if (stored.headers['Nats-Msg-Id'] !== result.jobId) problems.push('Nats-Msg-Id is not the jobId');
  if (result.kind !== kind) problems.push(`kind ${result.kind}`);
  if (result.status !== 'succeeded')
    problems.push(`status ${result.status}: ${result.failure?.message ?? ''}`);
  const check = JOB_OUTPUT_SCHEMAS[kind].check(result.output);
  if (!check.ok) problems.push(...check.errors.map((e) => `output: ${e}`));
  if (result.usage.length === 0) problems.push('no usage');
  for (const usage of result.usage) {
    if (usage.provider !== OFFLINE_PROVIDER || usage.model !== OFFLINE_MODEL)
      problems.push(`usage names ${usage.provider}/${usage.model}`);
    if (usage.promptTokens + usage.completionTokens === 0) problems.push('usage counts no tokens');
  }
  if (result.comments.length === 0) problems.push('no comments');
  if (!result.comments.some((c) => c.body.includes(OFFLINE_LABEL)))
    problems.push('no comment names the model');
  return problems;
}
