import { ClientNats, NatsRecord } from '@nestjs/microservices';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { DomainError, isErrorReply, REQUEST_ID_HEADER } from '@shipyard/contracts';
import { currentContext } from '@shipyard/shared/observability';

export interface NatsRpcOptions {
  url: string;
  subjectPrefix: string;
  timeoutMs: number;
  name: string;
}

/**
 * Request/reply to other services over core NATS. Carries the request id in a header, turns a reply's
 * ErrorReply back into a DomainError, and reports a service that does not answer in time as
 * SERVICE_UNAVAILABLE (retryable) instead of hanging the caller.
 */
export class NatsRpcClient {
  private readonly client: ClientNats;

  constructor(private readonly options: NatsRpcOptions) {
    this.client = new ClientNats({ servers: options.url, name: options.name });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async request<TReply>(
    subject: string,
    payload: object,
    timeoutMs = this.options.timeoutMs,
  ): Promise<TReply> {
    const headers = natsHeaders();
    const { requestId } = currentContext();
    if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
    const record = new NatsRecord(payload, headers);
    try {
      return await firstValueFrom(
        this.client.send<TReply>(`${this.options.subjectPrefix}${subject}`, record).pipe(timeout(timeoutMs)),
      );
    } catch (error) {
      throw toDomainError(error, subject);
    }
  }
}

function toDomainError(error: unknown, subject: string): DomainError {
  if (error instanceof DomainError) return error;
  if (isErrorReply(error)) return DomainError.fromReply(error);
  if (error instanceof TimeoutError) {
    return new DomainError(
      'SERVICE_UNAVAILABLE',
      'A backing service did not answer in time',
      { subject },
      true,
    );
  }
  return new DomainError('SERVICE_UNAVAILABLE', 'A backing service could not be reached', { subject }, true);
}
