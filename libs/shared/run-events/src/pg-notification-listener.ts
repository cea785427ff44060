import pg from 'pg';
import type { Logger } from 'pino';

export interface PgNotificationListenerOptions {
  connectionString: string;
  /** A plain identifier (it is interpolated into LISTEN, which takes no parameters). */
  channel: string;
  onNotification(payload: string): void;
  /**
   * Called after every (re)connection once LISTEN is in place. Notifications sent while no connection was
   * listening are gone for good, so this is where the owner catches up (a full sweep).
   */
  onListening(): void;
  logger: Logger;
  applicationName?: string;
  /** Reconnect backoff, doubled after each failure up to the max. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

/**
 * LISTEN on a dedicated connection (a pooled one would hand the session to other queries and lose the
 * subscription), reconnecting with backoff whenever it drops.
 */
export class PgNotificationListener {
  private client: pg.Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  private failures = 0;

  constructor(private readonly options: PgNotificationListenerOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.channel))
      throw new Error(`invalid channel name ${options.channel}`);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName ?? 'run-event-listener',
      // A half-open TCP connection would otherwise look alive while no notification ever arrives.
      keepAlive: true,
    });
    this.client = client;
    let lost = false;
    const onLost = (error?: Error): void => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (!this.stopped) {
        this.options.logger.warn(
          { err: error },
          'run event listener lost its database connection; reconnecting',
        );
        this.scheduleReconnect();
      }
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === this.options.channel && message.payload)
        this.options.onNotification(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (lost || this.stopped) return;
    this.failures = 0;
    this.options.onListening();
  }

  private scheduleReconnect(): void {
    const min = this.options.retryMinMs ?? 200;
    const max = this.options.retryMaxMs ?? 10_000;
    const delay = Math.min(max, min * 2 ** this.failures);
    this.failures += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }
}
