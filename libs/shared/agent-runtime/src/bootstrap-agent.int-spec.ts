/**
 * Real: NATS (NATS_URL) with Nest's NATS transport and JetStream on a per-file prefix; the agent runtime
 * inside the Nest service; the offline model. Faked: nothing.
 */
import type { INestApplication } from '@nestjs/common';
import { HealthCheck } from '@shipyard/contracts';
import { NatsRpcClient } from '@shipyard/shared/messaging';
import { bootstrapAgent } from './bootstrap-agent';
import { AgentRuntimeHarness, agentTestConfig, makeAgentJob, ModelTestHandler } from './testing';

describe('bootstrapAgent', () => {
  let harness: AgentRuntimeHarness;
  let app: INestApplication | undefined;
  let client: NatsRpcClient;

  beforeAll(async () => {
    harness = await AgentRuntimeHarness.create();
    client = new NatsRpcClient({
      url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      subjectPrefix: harness.prefix,
      timeoutMs: 2000,
      name: 'test',
    });
    await client.connect();
  });

  afterAll(async () => {
    await app?.close();
    await client.close();
    await harness.cleanup();
  });

  it('serves health as agent-<role>, works jobs while up, and stops both once closed', async () => {
    app = await bootstrapAgent({
      role: 'qa',
      handlers: [new ModelTestHandler()],
      config: agentTestConfig(harness.prefix),
    });

    const reply = await client.request<HealthCheck.Reply>(HealthCheck.subjectFor('agent-qa'), {});
    expect(reply).toMatchObject({ service: 'agent-qa', status: 'ok', checks: { 'job-runtime': 'up' } });
    await expect(client.request(HealthCheck.subjectFor('agent-security'), {}, 300)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });

    const job = makeAgentJob('test');
    await harness.publishJob(job);
    const result = await harness.firstResult(job.jobId, 10_000);
    expect(result.data).toMatchObject({ status: 'succeeded', role: 'qa', kind: 'test' });
    expect(result.data.agentId).toMatch(/^agent-qa@/);

    await app.close();
    app = undefined;
    await expect(client.request(HealthCheck.subjectFor('agent-qa'), {}, 300)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    // Stopped: a job published now waits in the queue for the next instance.
    await harness.publishJob(makeAgentJob('test'));
    expect(await harness.pendingJobs()).toBe(1);
  });

  it('refuses to start a role whose handlers do not cover its kinds', async () => {
    await expect(
      bootstrapAgent({ role: 'developer', handlers: [], config: agentTestConfig(harness.prefix) }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
