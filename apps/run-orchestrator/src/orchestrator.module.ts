import { Module, type OnApplicationShutdown, type Type } from '@nestjs/common';
import type { Orchestrator } from './driver/orchestrator';

/**
 * The Nest shell around a started Orchestrator (main.ts starts it before Nest, so a service that cannot
 * reach PostgreSQL or JetStream fails at start). On shutdown the orchestrator finishes the steps under way
 * and hands its leases back, so another replica continues the runs at once instead of after a lease expiry.
 */
export function createOrchestratorModule(orchestrator: Orchestrator): Type<unknown> {
  class OrchestratorStopper implements OnApplicationShutdown {
    async onApplicationShutdown(): Promise<void> {
      await orchestrator.stop();
    }
  }

  @Module({ providers: [OrchestratorStopper] })
  class OrchestratorModule {}
  return OrchestratorModule;
}
