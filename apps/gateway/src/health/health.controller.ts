import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, HealthCheck } from '@shipyard/contracts';
import { NatsRpcClient } from '@shipyard/shared/messaging';
import { Public } from '../auth/public.decorator';
import { readinessFrom, type Readiness } from './readiness';

/** Probes must answer fast even when a dependency hangs: an orchestrator's probe timeout is often 1 s. */
const READY_CHECK_TIMEOUT_MS = 800;

/** Liveness and readiness for probes and start scripts; no API key, not part of the public API document. */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  private readonly started = Date.now();

  constructor(@Inject(NatsRpcClient) private readonly rpc: NatsRpcClient) {}

  @Get('live')
  live(): { service: 'gateway'; status: 'ok'; uptimeSeconds: number } {
    return {
      service: 'gateway',
      status: 'ok',
      uptimeSeconds: Math.round((Date.now() - this.started) / 1000),
    };
  }

  @Get('ready')
  async ready(): Promise<Readiness & { service: 'gateway'; status: 'ok' }> {
    const readiness = readinessFrom(await this.askProjectService());
    if (!readiness.ready) {
      const notUp = Object.entries(readiness.checks)
        .filter(([, state]) => state !== 'up')
        .map(([name, state]) => `${name} ${state}`);
      throw new DomainError('SERVICE_UNAVAILABLE', `Not ready: ${notUp.join(', ')}`);
    }
    return { service: 'gateway', status: 'ok', ...readiness };
  }

  private async askProjectService(): Promise<HealthCheck.Reply | 'no-answer'> {
    try {
      return await this.rpc.request<HealthCheck.Reply>(
        HealthCheck.subjectFor('project-service'),
        {},
        READY_CHECK_TIMEOUT_MS,
      );
    } catch {
      return 'no-answer';
    }
  }
}
