import type { BudgetConfig } from '@shipyard/contracts';

/** What users asked of a run, as the service stores it. */
export interface RunControlState {
  /** `pause` and `stop` take effect at the graph's next node boundary. */
  requested: 'run' | 'pause' | 'stop';
  /**
   * Increases by one each time a user resumes the run. The graph remembers the value when it pauses, so
   * it can tell "a user resumed since" from "still paused" without a flag someone must reset.
   */
  resumeSeq: number;
  /** A budget a user raised during the run; null keeps the budget of the run's config snapshot. */
  budget: BudgetConfig | null;
}

export interface RunControl {
  read(runId: string): Promise<RunControlState>;
}
