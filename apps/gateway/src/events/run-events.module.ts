import { Module, type DynamicModule } from '@nestjs/common';
import type { GatewayConfig } from '../config.schema';
import { RunEventStreams } from './run-event-streams';

/**
 * The event streams' registry. The controller itself is registered in GatewayModule, next to the other
 * controllers, because it forwards through the ServiceClient that module provides.
 */
@Module({})
export class RunEventsModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: RunEventsModule,
      providers: [
        { provide: RunEventStreams, useFactory: () => new RunEventStreams(config.SSE_MAX_STREAMS) },
      ],
      exports: [RunEventStreams],
    };
  }
}
