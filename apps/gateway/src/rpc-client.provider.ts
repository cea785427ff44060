import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { NatsRpcClient } from '@shipyard/shared/messaging';
import { GatewayConfig } from './config.schema';

/**
 * One NATS connection for the whole gateway, connected before the app accepts requests. The timeout is the
 * HTTP-facing one: an API call waits GATEWAY_REQUEST_TIMEOUT_MS for its service, then answers 503.
 */
export const rpcClientProvider: Provider = {
  provide: NatsRpcClient,
  inject: [GatewayConfig],
  useFactory: async (config: GatewayConfig): Promise<NatsRpcClient> => {
    const client = new NatsRpcClient({
      url: config.NATS_URL,
      subjectPrefix: config.NATS_SUBJECT_PREFIX,
      timeoutMs: config.GATEWAY_REQUEST_TIMEOUT_MS,
      name: 'gateway',
    });
    await client.connect();
    return client;
  },
};

/** Drains the NATS connection when the app closes, after the HTTP server has stopped taking requests. */
@Injectable()
export class RpcClientCloser implements OnApplicationShutdown {
  constructor(@Inject(NatsRpcClient) private readonly client: NatsRpcClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
