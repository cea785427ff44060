import type { ResourceView } from '../common';
import type { BudgetConfig, RunConfig } from '../config';
import type { RunStatus } from '../enums';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface RunView extends ResourceView {
  projectId: string;
  status: RunStatus;
  /** Why the run is in its status (who paused it, which budget stopped it...). */
  statusReason: string | null;
  /** The merged config, frozen when the run was created. */
  configSnapshot: RunConfig;
  /** The budget in force: the snapshot's, or what the last resume that changed it made of it. */
  budget: BudgetConfig;
  usage: TokenUsage;
  costUsd: number;
  finalReport: Record<string, unknown> | null;
  startedAt: string | null;
  finishedAt: string | null;
}
