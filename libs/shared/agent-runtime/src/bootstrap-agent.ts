import type { INestApplication, Type } from '@nestjs/common';
import type { AgentRole, ServiceName } from '@shipyard/contracts';
import type { BaseServiceConfig } from '@shipyard/shared/config';
import { bootstrapService } from '@shipyard/shared/messaging';
import { startTelemetry } from '@shipyard/shared/observability';

export interface AgentBootstrapOptions {
  role: AgentRole;
  /** The role's own module: its handler, prompts and tools (issue 3). */
  module: Type<unknown>;
  config: BaseServiceConfig;
}

/** Each role runs as its own service so that one role can scale (and fail) without the others. */
export function agentServiceName(role: AgentRole): ServiceName {
  return `agent-${role}`;
}

/**
 * Starts one agent service. The seven agent apps differ only in their role and module; everything they
 * share (telemetry before Nest, NATS, health, shutdown) lives here so that it is written once. The job
 * loop of the agent runtime (take a job, run the role, report, ack) joins this function in issue 3.
 */
export async function bootstrapAgent({
  role,
  module,
  config,
}: AgentBootstrapOptions): Promise<INestApplication> {
  const service = agentServiceName(role);
  startTelemetry(service, config.OTEL_EXPORTER_OTLP_ENDPOINT);
  return bootstrapService({ service, module, config });
}
