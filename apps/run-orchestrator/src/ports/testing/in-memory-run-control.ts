import type { BudgetConfig } from '@shipyard/contracts';
import type { RunControl, RunControlState } from '../run-control.port';

/** What a user would do through the API, as plain method calls. */
export class InMemoryRunControl implements RunControl {
  private readonly states = new Map<string, RunControlState>();

  read(runId: string): Promise<RunControlState> {
    return Promise.resolve(structuredClone(this.stateOf(runId)));
  }

  pause(runId: string): void {
    this.stateOf(runId).requested = 'pause';
  }

  stop(runId: string): void {
    this.stateOf(runId).requested = 'stop';
  }

  resume(runId: string): void {
    const state = this.stateOf(runId);
    state.requested = 'run';
    state.resumeSeq += 1;
  }

  raiseBudget(runId: string, budget: BudgetConfig): void {
    this.stateOf(runId).budget = { ...budget };
  }

  private stateOf(runId: string): RunControlState {
    let state = this.states.get(runId);
    if (!state) {
      state = { requested: 'run', resumeSeq: 0, budget: null };
      this.states.set(runId, state);
    }
    return state;
  }
}
