import type { RunState, RunUpdate } from '../state';

/**
 * A node's working copy of the state. Values are replaced, never mutated, and only the keys a node set are
 * returned: an unchanged channel keeps its version, so the checkpointer does not store it again.
 */
export class StateDraft {
  private readonly changes: Partial<RunState> = {};

  constructor(private readonly base: RunState) {}

  get<K extends keyof RunState>(key: K): RunState[K] {
    return key in this.changes ? (this.changes[key] as RunState[K]) : this.base[key];
  }

  set<K extends keyof RunState>(key: K, value: RunState[K]): void {
    this.changes[key] = value;
  }

  /** The state as it would be after this node. */
  view(): RunState {
    return { ...this.base, ...this.changes };
  }

  update(): RunUpdate {
    return this.changes;
  }
}
