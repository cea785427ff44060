import {
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type INestApplication,
  type OnApplicationBootstrap,
  type Type,
} from '@nestjs/common';
import type { AgentRole, ServiceName } from '@shipyard/contracts';
import { bootstrapService, READINESS_CHECKS, type ReadinessCheck } from '@shipyard/shared/messaging';
import { startTelemetry } from '@shipyard/shared/observability';
import type { AgentServiceConfig } from './config/agent-service.config';
import type { AgentJobHandler } from './handlers/agent-job.handler';
import { AgentRuntime, type AgentRuntimeOptions } from './runtime/agent.runtime';

export interface AgentBootstrapOptions {
  role: AgentRole;
  /** One handler per job kind of the role; checked at start. */
  handlers: readonly AgentJobHandler[];
  config: AgentServiceConfig;
  /** Extra Nest providers or controllers of the role, if it has any. */
  module?: Type<unknown>;
  /** Test seams, passed to the runtime (a counting model, fast retries, prices). */
  runtime?: Pick<AgentRuntimeOptions, 'modelFor' | 'hooks' | 'retryBackoff' | 'logger' | 'prices'>;
}

/** Each role runs as its own service so that one role can scale (and fail) without the others. */
export function agentServiceName(role: AgentRole): ServiceName {
  return `agent-${role}`;
}

/**
 * Starts one agent service. The seven agent apps differ only in their role and handlers; everything they
 * share (telemetry before Nest, NATS, health, the job runtime, shutdown) lives here so that it is written
 * once. The runtime starts when the application has bootstrapped (a failure there fails the start) and
 * stops before the application shuts down on SIGTERM/SIGINT: it stops pulling, lets running jobs finish
 * for AGENT_STOP_TIMEOUT_MS and leaves the rest unacked for another instance.
 */
export async function bootstrapAgent({
  role,
  handlers,
  config,
  module,
  runtime: seams = {},
}: AgentBootstrapOptions): Promise<INestApplication> {
  const service = agentServiceName(role);
  startTelemetry(service, config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const runtime = new AgentRuntime({ role, handlers, config, ...seams });

  @Injectable()
  class AgentRuntimeHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
    async onApplicationBootstrap(): Promise<void> {
      await runtime.start();
    }

    async beforeApplicationShutdown(): Promise<void> {
      await runtime.stop();
    }
  }

  const readiness: ReadinessCheck[] = [
    {
      name: 'job-runtime',
      check: () =>
        runtime.isRunning ? Promise.resolve() : Promise.reject(new Error('the job runtime is not pulling')),
    },
  ];

  @Module({
    imports: module ? [module] : [],
    providers: [AgentRuntimeHost, { provide: READINESS_CHECKS, useValue: readiness }],
  })
  class AgentRoleModule {}

  return bootstrapService({ service, module: AgentRoleModule, config });
}
