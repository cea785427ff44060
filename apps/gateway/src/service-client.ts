import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@shipyard/contracts';
import { NatsRpcClient } from '@shipyard/shared/messaging';
import { GatewayConfig } from './config.schema';

/** Room for what the transport wraps around a payload: the packet envelope, subject and request id. */
export const ENVELOPE_BYTES = 1024;

/**
 * How controllers reach services. A request NATS would refuse as bigger than its max_payload never reaches
 * the wire: NATS reports that as an unreachable service, which the client would see as a 503 to retry
 * forever, when the truth is a 413 that no retry will fix.
 */
@Injectable()
export class ServiceClient {
  private readonly maxRequestBytes: number;

  constructor(
    @Inject(NatsRpcClient) private readonly rpc: Pick<NatsRpcClient, 'request'>,
    config: GatewayConfig,
  ) {
    this.maxRequestBytes = config.NATS_MAX_PAYLOAD_BYTES - ENVELOPE_BYTES;
  }

  request<TReply>(subject: string, payload: object): Promise<TReply> {
    const bytes = Buffer.byteLength(JSON.stringify(payload), 'utf8');
    if (bytes > this.maxRequestBytes) {
      return Promise.reject(
        new DomainError('PAYLOAD_TOO_LARGE', 'Request body is too large', {
          limitBytes: this.maxRequestBytes,
        }),
      );
    }
    return this.rpc.request<TReply>(subject, payload);
  }
}
