import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { Logger } from 'pino';
import { ApiKeyCache } from './auth/api-key-cache';
import { authFailureLimiterProviders } from './auth/auth-failure-limiter.provider';
import { ApiKeyGuard } from './auth/api-key.guard';
import { TenantContextInterceptor } from './auth/tenant-context.interceptor';
import { CommentsController } from './comments/comments.controller';
import { GatewayConfig } from './config.schema';
import { RunEventsController } from './events/run-events.controller';
import { RunEventsModule } from './events/run-events.module';
import { HealthController } from './health/health.controller';
import { ProjectsController } from './projects/projects.controller';
import { rpcClientProvider, RpcClientCloser } from './rpc-client.provider';
import { RunsController } from './runs/runs.controller';
import { ServiceClient } from './service-client';
import { TasksController } from './tasks/tasks.controller';
import { TemplatesController } from './templates/templates.controller';

/**
 * The gateway holds no state of its own: controllers validate and forward over NATS. The key guard is
 * global (APP_GUARD) so that a new controller is protected unless it explicitly opts out with @Public.
 */
@Module({})
export class GatewayModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [RunEventsModule.register(config)],
      controllers: [
        RunEventsController,
        HealthController,
        TemplatesController,
        ProjectsController,
        RunsController,
        TasksController,
        CommentsController,
      ],
      providers: [
        { provide: GatewayConfig, useValue: config },
        { provide: ApiKeyCache, useFactory: () => new ApiKeyCache(config.API_KEY_CACHE_TTL_MS) },
        ...authFailureLimiterProviders(config, logger),
        rpcClientProvider,
        ServiceClient,
        RpcClientCloser,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_INTERCEPTOR, useClass: TenantContextInterceptor },
      ],
    };
  }
}
