import { Controller, Get, HttpException, HttpStatus, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import { HealthCheck, type ServiceName } from '@shipyard/contracts';

/** A dependency check for /health/ready: resolves when the dependency answers, rejects when it does not. */
export type ReadinessCheck = { name: string; check: () => Promise<void> };

/** Provide an array of ReadinessCheck under this token to make /health/ready check them. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/**
 * Answers `health.v1.<service>` over NATS (an answer proves the service is connected), and /health/live and
 * /health/ready over HTTP. Built per service because a decorator's subject is fixed when the class is made.
 */
export function createHealthController(service: ServiceName): Type<unknown> {
  const started = Date.now();
  const reply = (): HealthCheck.Reply => ({
    service,
    status: 'ok',
    uptimeSeconds: Math.round((Date.now() - started) / 1000),
  });

  @Controller('health')
  class HealthController {
    constructor(private readonly moduleRef: ModuleRef) {}

    /** Over NATS the answer itself proves the connection; `checks` tells about the service's own dependencies. */
    @MessagePattern(HealthCheck.subjectFor(service))
    async ping(): Promise<HealthCheck.Reply> {
      return { ...reply(), checks: await this.runChecks() };
    }

    @Get('live')
    live(): HealthCheck.Reply {
      return reply();
    }

    @Get('ready')
    async ready(): Promise<HealthCheck.Reply> {
      const checks = await this.runChecks();
      if (Object.values(checks).includes('down')) {
        throw new HttpException({ service, status: 'unavailable', checks }, HttpStatus.SERVICE_UNAVAILABLE);
      }
      return { ...reply(), checks };
    }

    private async runChecks(): Promise<Record<string, 'up' | 'down'>> {
      const results = await Promise.all(
        this.readinessChecks().map(
          async ({ name, check }) =>
            [
              name,
              await check().then(
                () => 'up' as const,
                () => 'down' as const,
              ),
            ] as const,
        ),
      );
      return Object.fromEntries(results);
    }

    private readinessChecks(): ReadinessCheck[] {
      try {
        return this.moduleRef.get<ReadinessCheck[]>(READINESS_CHECKS, { strict: false });
      } catch {
        return [];
      }
    }
  }
  return HealthController;
}
