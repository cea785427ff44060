import { TerminalRunStatuses, type RunEventView } from '@shipyard/contracts';

/** Where a feed gets events: the log in PostgreSQL (complete, slower) and the Redis stream (live). */
export interface RunEventSource {
  /** Events after `afterSeq`, oldest first, at most `limit` (fewer means: that was all, for now). */
  replay(afterSeq: number, limit: number): Promise<RunEventView[]>;
  /** Waits a while for events after `afterSeq`; an empty answer means none came (or the live path is down). */
  live(afterSeq: number): Promise<RunEventView[]>;
}

export type FeedEnd = 'terminal' | 'closed';

export const REPLAY_PAGE = 500;

function isTerminal(event: RunEventView): boolean {
  return event.data.type === 'run.status' && TerminalRunStatuses.includes(event.data.status);
}

/**
 * Sends a run's events after a given seq exactly once each and in order, whichever source they come
 * from: first everything PostgreSQL has (paged), then the live Redis stream. Every event passes one gate,
 * `seq === last + 1`: older ones are dropped as duplicates, and a jump ahead (the stream was trimmed, or
 * the relay is catching up) is filled from PostgreSQL before anything later is sent. When the live read
 * comes back empty the feed asks PostgreSQL too, so a relay or Redis outage delays events by at most
 * one read interval instead of losing them. Ends after a terminal `run.status` event or when closed.
 */
export class RunEventFeed {
  private last: number;

  constructor(
    private readonly source: RunEventSource,
    afterSeq: number,
  ) {
    this.last = afterSeq;
  }

  /**
   * `send` resolves once the event is handed to the client (false when the client is gone); `firstPage`
   * is a replay page the caller already fetched from `afterSeq` (to answer 404 before the stream opens).
   */
  async run(
    send: (event: RunEventView) => Promise<boolean>,
    isOpen: () => boolean,
    firstPage?: RunEventView[],
  ): Promise<FeedEnd> {
    const replayed = await this.catchUp(send, firstPage);
    if (replayed !== undefined) return replayed;
    while (isOpen()) {
      const events = await this.source.live(this.last);
      if (!isOpen()) return 'closed';
      let ended = await this.deliver(events, send);
      if (ended !== undefined) return ended;
      // Nothing live, or a gap: PostgreSQL has the truth.
      if (events.length === 0 || events.some((event) => event.seq > this.last)) {
        ended = await this.catchUp(send);
        if (ended !== undefined) return ended;
      }
    }
    return 'closed';
  }

  /** Every event PostgreSQL has after `last`, page by page. */
  private async catchUp(
    send: (event: RunEventView) => Promise<boolean>,
    firstPage?: RunEventView[],
  ): Promise<FeedEnd | undefined> {
    let page = firstPage ?? (await this.source.replay(this.last, REPLAY_PAGE));
    for (;;) {
      const ended = await this.deliver(page, send);
      if (ended !== undefined) return ended;
      if (page.length < REPLAY_PAGE) return undefined;
      page = await this.source.replay(this.last, REPLAY_PAGE);
    }
  }

  /** Sends the events that continue the sequence; stops at the first gap (the caller fills it). */
  private async deliver(
    events: RunEventView[],
    send: (event: RunEventView) => Promise<boolean>,
  ): Promise<FeedEnd | undefined> {
    for (const event of events) {
      if (event.seq <= this.last) continue;
      if (event.seq !== this.last + 1) return undefined;
      if (!(await send(event))) return 'closed';
      this.last = event.seq;
      if (isTerminal(event)) return 'terminal';
    }
    return undefined;
  }
}
