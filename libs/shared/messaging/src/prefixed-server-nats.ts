import { ServerNats } from '@nestjs/microservices';
import type { ErrorReply } from '@shipyard/contracts';

type NatsOptions = ConstructorParameters<typeof ServerNats>[0] & { queue?: string };

/**
 * Nest's NATS server, subscribing every pattern under a subject prefix. Handlers keep their contract
 * subjects (`project.v1.create`); the prefix only separates deployments (or parallel test files) that
 * share one NATS server. Subscriptions join a queue group named after the service, so replicas share load.
 */
export class PrefixedServerNats extends ServerNats {
  constructor(
    private readonly natsOptions: NatsOptions,
    private readonly subjectPrefix: string,
  ) {
    super(natsOptions);
  }

  override bindEvents(client: { subscribe: (subject: string, opts: object) => unknown }): void {
    // ServerNats keeps its subscriptions private; close() drains them, so ours must go into the same list.
    const subscriptions = (this as unknown as { subscriptions: unknown[] }).subscriptions;
    for (const [channel, handler] of this.messageHandlers) {
      const queue = (handler.extras as { queue?: string } | undefined)?.queue ?? this.natsOptions.queue;
      subscriptions.push(
        client.subscribe(`${this.subjectPrefix}${channel}`, {
          queue,
          // Nest types the handler as a bare Function; this is the (error, message) callback nats.js calls.
          callback: this.getMessageHandler(channel).bind(this) as (error: unknown, message: unknown) => void,
        }),
      );
    }
  }

  /**
   * A reply larger than the server's max_payload cannot be sent; nats.js throws, Nest only logs it, and the
   * caller would wait for its timeout and report the service unavailable. Answer with an error that says
   * what happened instead, so the caller can ask for less (a smaller page).
   */
  override getPublisher(natsMsg: unknown, id: string, ctx: unknown): (response: unknown) => unknown {
    const publish = super.getPublisher(natsMsg, id, ctx as never) as (response: unknown) => unknown;
    return (response) => {
      try {
        return publish(response);
      } catch (error) {
        if (!/max_payload/i.test(String((error as Error | undefined)?.message))) throw error;
        const err: ErrorReply = {
          code: 'PAYLOAD_TOO_LARGE',
          message: 'The answer is larger than the message size limit; ask for fewer items',
          retryable: false,
        };
        return publish({ err, isDisposed: true });
      }
    };
  }
}
