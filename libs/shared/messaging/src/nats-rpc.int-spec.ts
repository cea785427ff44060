/**
 * Real: NATS (NATS_URL), Nest's NATS transport with our prefix, error filter and context interceptor.
 * Faked: nothing; the "service" is a small module of test handlers.
 */
import { Controller, Module, type INestApplication } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { IsString, Length } from 'class-validator';
import { DomainError, HealthCheck } from '@shipyard/contracts';
import { BaseServiceConfig, parseConfig } from '@shipyard/shared/config';
import { currentContext, runWithContext } from '@shipyard/shared/observability';
import { freePort } from '@shipyard/shared/test-utils';
import { bootstrapService } from './bootstrap-service';
import { ContractPipe } from './contract.pipe';
import { NatsRpcClient } from './nats-rpc.client';

class EchoRequest {
  @IsString()
  @Length(1, 10)
  text!: string;
}

@Controller()
class TestHandlers {
  @MessagePattern('test.v1.echo')
  echo(@Payload(ContractPipe.of(EchoRequest)) req: EchoRequest): { text: string; requestId?: string } {
    return { text: req.text, requestId: currentContext().requestId };
  }

  @MessagePattern('test.v1.fail')
  fail(): never {
    throw new DomainError('PROJECT_NOT_FOUND', 'Project not found');
  }

  @MessagePattern('test.v1.huge')
  huge(): { text: string } {
    return { text: 'x'.repeat(2 * 1024 * 1024) };
  }

  @MessagePattern('test.v1.crash')
  crash(): never {
    throw new Error('secret internals at /srv/app.ts:42');
  }
}

@Module({ controllers: [TestHandlers] })
class TestModule {}

describe('NATS request/reply between services', () => {
  const prefix = `t${randomUUID().slice(0, 8)}.`;
  const config = parseConfig(BaseServiceConfig, {
    ...process.env,
    NATS_SUBJECT_PREFIX: prefix,
    LOG_LEVEL: 'silent',
  });
  let app: INestApplication;
  let client: NatsRpcClient;

  beforeAll(async () => {
    app = await bootstrapService({ service: 'artifact-service', module: TestModule, config });
    client = new NatsRpcClient({
      url: config.NATS_URL,
      subjectPrefix: prefix,
      timeoutMs: 2000,
      name: 'test',
    });
    await client.connect();
  });

  afterAll(async () => {
    await client.close();
    await app.close();
  });

  it('answers the health subject', async () => {
    const reply = await client.request<HealthCheck.Reply>(HealthCheck.subjectFor('artifact-service'), {});
    expect(reply).toMatchObject({ service: 'artifact-service', status: 'ok' });
  });

  it('carries the request id to the handler in a header', async () => {
    const reply = await runWithContext({ requestId: 'req-123' }, () =>
      client.request<{ text: string; requestId?: string }>('test.v1.echo', { text: 'hi' }),
    );
    expect(reply).toEqual({ text: 'hi', requestId: 'req-123' });
  });

  it('refuses an invalid payload with field details', async () => {
    await expect(client.request('test.v1.echo', { text: '', extra: 1 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: expect.arrayContaining([
        expect.objectContaining({ path: 'text' }),
        expect.objectContaining({ path: 'extra' }),
      ]) as unknown,
    });
  });

  it('returns a domain error as its code', async () => {
    await expect(client.request('test.v1.fail', {})).rejects.toMatchObject({
      code: 'PROJECT_NOT_FOUND',
      retryable: false,
    });
  });

  it('hides an unexpected error behind INTERNAL', async () => {
    const error = await client.request('test.v1.crash', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'Internal error' });
    expect(JSON.stringify(error)).not.toContain('/srv/app.ts');
  });

  it('answers PAYLOAD_TOO_LARGE at once when the reply exceeds the NATS message limit', async () => {
    await expect(client.request('test.v1.huge', {})).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('reports a subject nobody answers as SERVICE_UNAVAILABLE', async () => {
    await expect(client.request('test.v1.nobody', {}, 300)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      retryable: true,
    });
  });

  it('serves /health/live and /health/ready over HTTP when it has a health port', async () => {
    const port = await freePort();
    const withHttp = await bootstrapService({
      service: 'agent-docs',
      module: TestModule,
      config: parseConfig(BaseServiceConfig, {
        ...process.env,
        NATS_SUBJECT_PREFIX: prefix,
        LOG_LEVEL: 'silent',
        HEALTH_PORT: String(port),
      }),
    });
    try {
      for (const path of ['/health/live', '/health/ready']) {
        const res = await fetch(`http://127.0.0.1:${port}${path}`);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ service: 'agent-docs', status: 'ok' });
      }
    } finally {
      await withHttp.close();
    }
  });

  it('does not answer requests outside its prefix', async () => {
    const other = new NatsRpcClient({
      url: config.NATS_URL,
      subjectPrefix: 'elsewhere.',
      timeoutMs: 300,
      name: 't2',
    });
    await other.connect();
    await expect(other.request('test.v1.echo', { text: 'x' })).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    await other.close();
  });
});
