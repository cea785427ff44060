/**
 * The spec every agent app runs for its role: each of its kinds, published as the orchestrator publishes
 * it, comes back on agent.v1.result.<role> as a succeeded, contract-valid result whose output passes the
 * kind's schema, with usage and comments that name the model. Shared so the seven apps check the same
 * thing the same way.
 */
import { resultSubject, type AgentResult, type AgentRole, type JobKind } from '@shipyard/contracts';
import { JOB_OUTPUT_SCHEMAS, OFFLINE_LABEL } from '@shipyard/shared/llm';
import { pollUntil } from '@shipyard/shared/testing';
import type { AgentJobHandler } from '../handlers/agent-job.handler';
import { kindsOfRole } from '../handlers/handler.registry';
import { AgentRuntimeHarness } from './agent-runtime.harness';
import { agentTestConfig } from './agent-test.config';
import { CountingModels } from './counting.chat-model';
import { makeAgentJob } from './make-agent-job';

export interface RoleRoundTrip {
  harness: AgentRuntimeHarness;
  models: CountingModels;
  /** Publishes a job of `kind` (with input overrides) and waits for its one result. */
  run(kind: JobKind, input?: Record<string, unknown>): Promise<AgentResult>;
}

export async function startRoleRoundTrip(role: AgentRole, handlers: readonly AgentJobHandler[]): Promise<RoleRoundTrip> {
  const harness = await AgentRuntimeHarness.create();
  const models = new CountingModels(agentTestConfig(harness.prefix).llm);
  await harness.startRuntime({ role, handlers, modelFor: models.modelFor });
  return {
    harness,
    models,
    async run(kind, input) {
      const job = makeAgentJob(kind, input ? { input } : {});
      await harness.publishJob(job);
      const [stored] = await pollUntil(async () => {
        const found = await harness.resultsOf(job.jobId);
        return found.length > 0 ? found : undefined;
      }, { timeoutMs: 15_000 });
      if (!stored) throw new Error('no result');
      expect(stored.subject).toBe(`${harness.prefix}${resultSubject(role)}`);
      expect(stored.headers['Nats-Msg-Id']).toBe(job.jobId);
      return stored.data;
    },
  };
}

/** The checks every succeeded result of a role must pass. */
export function expectWellFormedResult(result: AgentResult, kind: JobKind): void {
  expect(result).toMatchObject({ kind, status: 'succeeded' });
  expect(result.failure).toBeUndefined();
  const check = JOB_OUTPUT_SCHEMAS[kind].check(result.output);
  expect(check.ok ? [] : check.errors).toEqual([]);
  expect(result.usage.length).toBeGreaterThan(0);
  for (const usage of result.usage) {
    expect(usage).toMatchObject({ provider: 'offline', model: 'shipyard-offline-1' });
    expect(usage.promptTokens + usage.completionTokens).toBeGreaterThan(0);
  }
  expect(result.comments.length).toBeGreaterThan(0);
  expect(result.comments.some((c) => c.body.includes(OFFLINE_LABEL))).toBe(true);
}

/** Kinds the role must handle, for `it.each`. */
export const roleKinds = kindsOfRole;
