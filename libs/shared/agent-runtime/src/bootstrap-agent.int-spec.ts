/**
 * Real: NATS (NATS_URL), Nest's NATS transport with a per-file subject prefix.
 * Faked: nothing; the role module is empty because agent work arrives with issue 3.
 */
import { Module, type INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { HealthCheck } from '@shipyard/contracts';
import { BaseServiceConfig, parseConfig } from '@shipyard/shared/config';
import { NatsRpcClient } from '@shipyard/shared/messaging';
import { bootstrapAgent } from './bootstrap-agent';

@Module({})
class EmptyRoleModule {}

describe('bootstrapAgent', () => {
  const prefix = `t${randomUUID().slice(0, 8)}.`;
  const config = parseConfig(BaseServiceConfig, {
    ...process.env,
    NATS_SUBJECT_PREFIX: prefix,
    LOG_LEVEL: 'silent',
  });
  let app: INestApplication | undefined;
  let client: NatsRpcClient;

  beforeAll(async () => {
    client = new NatsRpcClient({
      url: config.NATS_URL,
      subjectPrefix: prefix,
      timeoutMs: 2000,
      name: 'test',
    });
    await client.connect();
  });

  afterAll(async () => {
    await app?.close();
    await client.close();
  });

  it('answers health as agent-<role> and stops answering once closed', async () => {
    app = await bootstrapAgent({ role: 'security', module: EmptyRoleModule, config });

    const reply = await client.request<HealthCheck.Reply>(HealthCheck.subjectFor('agent-security'), {});
    expect(reply).toMatchObject({ service: 'agent-security', status: 'ok' });
    await expect(client.request(HealthCheck.subjectFor('agent-qa'), {}, 300)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });

    await app.close();
    app = undefined;
    await expect(client.request(HealthCheck.subjectFor('agent-security'), {}, 300)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
  });
});
