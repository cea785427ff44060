import type { NatsConnection } from '@nats-io/transport-node';
import { RunControlChanged } from '@shipyard/contracts';
import type { RunControlPublisher } from './run-control.publisher';

/** Publishes control changes on core NATS under the service's subject prefix; a failure is only logged. */
export class NatsRunControlPublisher implements RunControlPublisher {
  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  controlChanged(body: RunControlChanged.Body): Promise<void> {
    try {
      this.nc.publish(`${this.prefix}${RunControlChanged.Subject}`, JSON.stringify(body));
    } catch (error) {
      this.onError(error);
    }
    return Promise.resolve();
  }
}
