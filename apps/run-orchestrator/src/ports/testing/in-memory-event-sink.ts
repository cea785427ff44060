import type { EventSink, RunEvent } from '../event-sink.port';

/** Keeps the first event per eventId, as the real sink must; counts the repeats it dropped. */
export class InMemoryEventSink implements EventSink {
  readonly events: RunEvent[] = [];
  repeats = 0;
  private readonly ids = new Set<string>();

  emit(event: RunEvent): Promise<void> {
    if (this.ids.has(event.eventId)) {
      this.repeats += 1;
    } else {
      this.ids.add(event.eventId);
      this.events.push(structuredClone(event));
    }
    return Promise.resolve();
  }

  ofType<T extends RunEvent['type']>(type: T): Extract<RunEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);
  }
}
