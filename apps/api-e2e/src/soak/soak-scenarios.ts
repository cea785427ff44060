import type { RunStatus } from '@shipyard/contracts';

/** One kind of run the soak launches, the requirement that scripts the offline model, and where it must end. */
export interface SoakScenario {
  name: string;
  requirements: string;
  configPatch?: { budget?: { maxTokens?: number; maxCostUsd?: number; onExceed?: string } } & Record<
    string,
    unknown
  >;
  expected: RunStatus;
  /** The user pauses it a moment after it starts, then resumes it. */
  userPause?: boolean;
  /** The user stops it a moment after it starts. */
  userStop?: boolean;
  /** It pauses on its budget; the soak raises `maxTokens` then, and it must complete. */
  raiseWhenPaused?: boolean;
}

/**
 * Launched in turn, over and over, for the whole soak: every path a run can take (review, QA and security
 * fix loops and their bounds, budgets by tokens and by cost, pause on budget, a poison job, user pause and
 * stop, a bigger tree), so a crash can land in any of them.
 */
export const SoakScenarios: readonly SoakScenario[] = [
  {
    name: 'plain',
    requirements: 'A REST API for todo items. Users sign in. [offline:tasks=3]',
    expected: 'COMPLETED',
  },
  {
    name: 'review-fix',
    requirements: 'A notes API. [offline:tasks=2] [offline:review-rejects=2]',
    expected: 'COMPLETED',
  },
  {
    name: 'security-fix',
    requirements: 'A billing API. [offline:tasks=2] [offline:security-critical=1]',
    expected: 'COMPLETED',
  },
  {
    name: 'qa-fix',
    requirements: 'A shop API. [offline:tasks=2] [offline:qa-failures=1]',
    expected: 'COMPLETED',
  },
  {
    name: 'security-bound',
    requirements: 'A vault API. [offline:tasks=1] [offline:security-critical=9]',
    configPatch: { security: { maxFixCycles: 1 } },
    expected: 'FAILED',
  },
  {
    name: 'review-bound',
    requirements: 'A chat API. [offline:tasks=1] [offline:review-rejects=9]',
    configPatch: { review: { maxIterations: 2 } },
    expected: 'FAILED',
  },
  {
    name: 'token-budget',
    requirements: 'A todo API with dates. [offline:tasks=4] [offline:chain-length=1]',
    configPatch: { budget: { maxTokens: 14_000, onExceed: 'stop' } },
    expected: 'STOPPED_BUDGET',
  },
  {
    name: 'cost-budget',
    requirements: 'A todo API with tags. [offline:tasks=4] [offline:chain-length=1]',
    configPatch: { budget: { maxCostUsd: 0.03, onExceed: 'stop' } },
    expected: 'STOPPED_BUDGET',
  },
  {
    name: 'budget-pause',
    requirements: 'A wiki API. [offline:tasks=3]',
    configPatch: { budget: { maxTokens: 12_000, onExceed: 'pause' } },
    expected: 'COMPLETED',
    raiseWhenPaused: true,
  },
  {
    name: 'poison-job',
    requirements: 'A poll API. [offline:tasks=1] [offline:fail-kind=test]',
    expected: 'FAILED',
  },
  {
    name: 'big-tree',
    requirements: 'A library API. [offline:tasks=10] [offline:chain-length=3]',
    expected: 'COMPLETED',
  },
  {
    name: 'user-pause',
    requirements: 'A forum API. [offline:tasks=3]',
    expected: 'COMPLETED',
    userPause: true,
  },
  {
    name: 'user-stop',
    requirements: 'A blog API. [offline:tasks=3]',
    expected: 'STOPPED_USER',
    userStop: true,
  },
];
