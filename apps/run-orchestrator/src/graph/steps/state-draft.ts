import { PROGRESS_KEYS, type RunProgress, type RunState, type RunUpdate } from '../state';

/**
 * A node's working copy of the (flat) state. Values are replaced, never mutated. `update()` turns the
 * keys a node set into channel writes: the `progress` channel once if any of its fields changed, and
 * `analysis` only when set, so unchanged channels keep their version and are not stored again.
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
    const update: RunUpdate = {};
    if ('analysis' in this.changes) update.analysis = this.changes.analysis ?? null;
    if (PROGRESS_KEYS.some((key) => key in this.changes)) {
      const view = this.view();
      update.progress = Object.fromEntries(
        PROGRESS_KEYS.map((key) => [key, view[key]]),
      ) as unknown as RunProgress;
    }
    return update;
  }
}
