import type { BeforeApplicationShutdown } from '@nestjs/common';
import { DomainError } from '@shipyard/contracts';

/**
 * The event streams this replica holds open: caps them (each holds a Redis connection) and ends them all
 * when the gateway stops, because an open stream would otherwise keep the HTTP server from closing.
 * Clients reconnect with Last-Event-ID to another replica and lose nothing.
 */
export class RunEventStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<AbortController>();
  private stopping = false;

  constructor(private readonly max: number) {}

  /** A handle whose signal aborts when the stream must end; release it when the stream is over. */
  acquire(): { signal: AbortSignal; release(): void } {
    if (this.stopping || this.open.size >= this.max) {
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        'Too many event streams on this gateway; retry shortly',
        { maxStreams: this.max },
        true,
      );
    }
    const controller = new AbortController();
    this.open.add(controller);
    return {
      signal: controller.signal,
      release: () => {
        this.open.delete(controller);
        controller.abort();
      },
    };
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
    for (const controller of this.open) controller.abort();
    this.open.clear();
  }
}
