import { once } from 'node:events';
import type { GatewayResponse } from '../http/gateway-request';
import type { RunEventView } from '@shipyard/contracts';

/** How long a browser's EventSource waits before reconnecting after the stream drops. */
const RETRY_MS = 2000;

/**
 * The wire side of one event stream: headers, one frame per event (`id`, `event`, `data`), heartbeat
 * comments, and backpressure (a slow client makes the feed wait instead of piling events up in memory).
 */
export class SseResponse {
  private heartbeat: NodeJS.Timeout | undefined;
  private open = true;

  constructor(
    private readonly res: GatewayResponse,
    heartbeatMs: number,
  ) {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    // nginx and similar proxies buffer responses by default, which would hold events back.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.socket?.setTimeout(0);
    res.write(`retry: ${RETRY_MS}\n\n`);
    this.heartbeat = setInterval(() => {
      if (this.open) res.write(`: heartbeat ${new Date().toISOString()}\n\n`);
    }, heartbeatMs);
    res.once('close', () => this.end());
  }

  get isOpen(): boolean {
    return this.open && !this.res.writableEnded && !this.res.destroyed;
  }

  /** Resolves true once the frame is handed to the socket (waiting for it to drain if needed). */
  async send(event: RunEventView): Promise<boolean> {
    if (!this.isOpen) return false;
    // JSON.stringify never emits a raw newline, so the data fits on one `data:` line.
    const frame = `id: ${event.seq}\nevent: ${event.data.type}\ndata: ${JSON.stringify(event)}\n\n`;
    if (!this.res.write(frame)) {
      await Promise.race([once(this.res, 'drain'), once(this.res, 'close')]);
    }
    return this.isOpen;
  }

  end(): void {
    if (!this.open) return;
    this.open = false;
    clearInterval(this.heartbeat);
    if (!this.res.writableEnded) this.res.end();
  }
}
