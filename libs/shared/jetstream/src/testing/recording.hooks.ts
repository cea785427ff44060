import type { ConsumerHooks, ProcessOutcome } from '../consume/consumer.types';

/** Hooks that keep every outcome and heartbeat, for assertions in integration specs. */
export class RecordingHooks implements ConsumerHooks {
  readonly outcomes: ProcessOutcome[] = [];
  heartbeats = 0;
  automaticHeartbeats = 0;

  onOutcome(outcome: ProcessOutcome): void {
    this.outcomes.push(outcome);
  }

  onHeartbeat(event: { automatic: boolean }): void {
    this.heartbeats++;
    if (event.automatic) this.automaticHeartbeats++;
  }

  kinds(): string[] {
    return this.outcomes.map((o) => o.kind);
  }

  count(kind: ProcessOutcome['kind']): number {
    return this.outcomes.filter((o) => o.kind === kind).length;
  }
}
