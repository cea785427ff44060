import { setTimeout as wait } from 'node:timers/promises';
import { SseParser, TerminalRunStatuses, type RunEventView } from '@shipyard/contracts';

export interface RunEventStreamOptions {
  baseUrl: string;
  authorization: string;
  runId: string;
  signal: AbortSignal;
  /** Told when the connection drops and the stream resumes, so the person watching knows why it paused. */
  onReconnect?: (lastSeq: number, reason: string) => void;
}

const RECONNECT_DELAY_MS = 1000;
/** Consecutive failed connections before the demo stops trying (a platform that went away for good). */
const MAX_FAILED_CONNECTS = 30;

/**
 * A run's events from `GET /api/runs/:id/events`, in order, each once, until the stream ends after the
 * run's terminal status. When the connection drops (a gateway restarted, say) it reconnects with
 * `Last-Event-ID` and carries on where it was, which is the guarantee the endpoint makes.
 */
export async function* runEventStream(options: RunEventStreamOptions): AsyncGenerator<RunEventView> {
  let lastSeq = 0;
  let failures = 0;
  for (;;) {
    let reason: string;
    try {
      const res = await fetch(`${options.baseUrl}/api/runs/${options.runId}/events`, {
        headers: {
          authorization: options.authorization,
          accept: 'text/event-stream',
          ...(lastSeq > 0 ? { 'last-event-id': String(lastSeq) } : {}),
        },
        signal: options.signal,
      });
      if (res.status !== 200 || !res.body) {
        const text = await res.text();
        // 4xx will not get better by retrying: the run is not ours, or the key is wrong.
        if (res.status >= 400 && res.status < 500)
          throw new Error(`event stream answered ${res.status}: ${text.slice(0, 300)}`);
        reason = `answered ${res.status}`;
      } else {
        failures = 0;
        const parser = new SseParser();
        const decoder = new TextDecoder();
        const body: ReadableStream<Uint8Array> = res.body;
        for await (const chunk of body) {
          for (const message of parser.push(decoder.decode(chunk, { stream: true }))) {
            if (message.data === undefined) continue;
            const event = JSON.parse(message.data) as RunEventView;
            if (event.seq <= lastSeq) continue;
            lastSeq = event.seq;
            yield event;
            if (isTerminalEvent(event)) return;
          }
        }
        // Ended before the terminal status: a gateway shutting down closes its streams; resume elsewhere.
        reason = 'the gateway closed the stream';
      }
    } catch (error) {
      if (options.signal.aborted) return;
      if (error instanceof Error && error.message.startsWith('event stream answered')) throw error;
      reason = error instanceof Error ? error.message : String(error);
    }
    failures += 1;
    if (failures >= MAX_FAILED_CONNECTS)
      throw new Error(`event stream: gave up after ${failures} failed connections (${reason})`);
    options.onReconnect?.(lastSeq, reason);
    await wait(RECONNECT_DELAY_MS, undefined, { signal: options.signal }).catch(() => undefined);
    if (options.signal.aborted) return;
  }
}

/** The run's own end: the status event after which the gateway closes the stream. */
export function isTerminalEvent(event: RunEventView): boolean {
  return event.data.type === 'run.status' && TerminalRunStatuses.includes(event.data.status);
}
