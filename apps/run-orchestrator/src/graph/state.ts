import { Annotation } from '@langchain/langgraph';
import type {
  AgentRole,
  AnalyzeRequirementsOutput,
  FindingSeverity,
  JobAllowance,
  JobKind,
  RunConfig,
  RunStatus,
} from '@shipyard/contracts';
import type { ArtifactRef } from '../ports/artifact-store.port';
import type { UsageAmount, UsageTotals } from '../ports/ledger.port';
import type { NodeName, Phase } from './node-names';

/*
 * The run's checkpointed state. It is written on every super-step, so it holds ids, counters, short
 * verdicts and artifact references; file contents live in the artifact store and task texts in the task
 * store.
 *
 * Two kinds of channel: values written once (run, config, requirements, start, analysis), which
 * PostgresSaver never stores again because their version does not change, and ONE `progress` channel
 * holding everything that changes as the run goes. Why one: PostgresSaver inserts one row, in its own
 * round trip, per changed channel and per channel write, and almost every step changes the tasks, the
 * pending jobs and the usage together. With a channel per field a resumed agent step cost 36 round trips
 * to PostgreSQL; with one progress channel it costs 27.5 (measured, graph-step.bench.ts), and the progress
 * value was rewritten on nearly every step either way. Nodes still see one flat `RunState`; `flattenState` and `StateDraft` translate.
 */

export type TaskStage = 'dev' | 'review' | 'fix' | 'qa' | 'done' | 'failed';
export type TerminalRunStatus = Exclude<RunStatus, 'QUEUED' | 'RUNNING' | 'PAUSED'>;

export interface RunIdentity {
  runId: string;
  tenantId: string;
  requestId?: string;
}

/** A short finding kept for the next fix job's input and the report; messages are truncated. */
export interface FindingNote {
  severity: FindingSeverity;
  message: string;
  path?: string;
  rule?: string;
}

export interface TaskState {
  id: string;
  key: string;
  title: string;
  parentId: string | null;
  /** Task ids; a dependency on a parent task means all of its leaves. */
  dependsOn: string[];
  /** Parent tasks group their children and are never dispatched themselves. */
  leaf: boolean;
  stage: TaskStage;
  /** Jobs dispatched for this task so far; the next job's attempt number is `jobs + 1`. */
  jobs: number;
  reviewIterations: number;
  fixCycles: number;
  /** Retryable failures of this task's jobs so far. */
  failedJobs: number;
  /** The newest files for this task (from implement or fix). */
  artifact: ArtifactRef | null;
  /** Findings or test failures the next fix job must address. */
  openFindings: FindingNote[];
  reason: string | null;
}

/** A job the graph sent and whose result it still expects. */
export interface PendingJob {
  jobId: string;
  node: NodeName;
  role: AgentRole;
  kind: JobKind;
  taskId: string | null;
  attempt: number;
  /** What the job was expected to spend (scaled as `BudgetFlags.scales` said when it left). */
  estimate: UsageAmount;
  /**
   * The most it may spend, which the agent enforces; reserved against the budget while the job is in flight
   * instead of its estimate. Null (or absent, in checkpoints from before allowances): not capped.
   */
  allowance?: JobAllowance | null;
}

/** Progress of a node that runs one job at a time (PM, bootstrap, security, docs, devops). */
export interface StepProgress {
  jobs: number;
  failedJobs: number;
  done: boolean;
  artifact: ArtifactRef | null;
}

export interface SecurityState {
  /** Fix cycles the gate has sent the run back for so far. */
  fixCycles: number;
  stage: 'scan' | 'fix' | 'passed';
  /** Findings of the newest scan (capped). */
  findings: FindingNote[];
  /** Findings at or above the gate that the next fix job must address. */
  blocking: FindingNote[];
}

/** Why no new job is being sent. Results of jobs already in flight are still applied. */
export interface Hold {
  reason: 'user' | 'budget';
  detail: string;
  since: string;
  /** RunControl.resumeSeq when the hold began: a larger value later means a user resumed. */
  resumeSeq: number;
  /** Numbers the holds of a run, so their events get distinct, repeatable ids. */
  seq: number;
  /** The budget in force when a budget hold began; a different one later means a user raised it. */
  budgetKey: string | null;
}

export interface BudgetFlags {
  warned: boolean;
  /** A user resumed a run the budget had paused: from then on the budget only warns. */
  waived: boolean;
  /**
   * How many times its configured estimate a kind of job is now expected to take: doubled each time a job
   * of the kind stops at its allowance. Absent: 1.
   */
  scales?: Partial<Record<JobKind, number>>;
  /**
   * A job the budget can pay for waits because the allowances of jobs in flight hold the room it needs; the
   * cycle waits for a result before it tries again.
   */
  awaitingRoom?: boolean;
}

/** A review or test verdict waiting for `lead_review_cycle` or `qa_test_cycle` to apply it. */
export type Inbox =
  | { kind: 'review'; jobId: string; taskId: string; approved: boolean; findings: FindingNote[] }
  | { kind: 'test'; jobId: string; taskId: string; passed: boolean; failures: FindingNote[] }
  | null;

export interface PhaseTiming {
  phase: Phase;
  startedAt: string;
  endedAt: string | null;
}

export interface Outcome {
  status: TerminalRunStatus;
  reason: string;
}

/**
 * What the graph's next pass does, as the pass that just ran left it: `waits` (the next node only waits for
 * a result or a nudge), `works` (it sends or decides something first) or `ended` (final_decision ran). The
 * service invokes the graph so that it stops before a waiting node (`interruptBefore`, see invoke-config.ts)
 * and reads this to know whether to wait for a result or to go on at once; a pass that only interrupts
 * would be a whole super-step (about 0.65 ms of CPU) for nothing.
 */
export type NextPass = 'waits' | 'works' | 'ended';

const replace = <T>(_current: T, next: T): T => next;

/** Everything that changes while the run goes; one channel (see the top of this file). */
export interface RunProgress {
  steps: Partial<Record<NodeName, StepProgress>>;
  tasks: Record<string, TaskState>;
  /** Plan order, for stable dispatch order and the report. */
  taskOrder: string[];
  pending: Record<string, PendingJob>;
  security: SecurityState;
  usage: UsageTotals;
  hold: Hold | null;
  holdCount: number;
  budget: BudgetFlags;
  inbox: Inbox;
  phases: PhaseTiming[];
  /** Results that matched no pending job (duplicates, stale attempts, late arrivals). */
  ignoredResults: number;
  outcome: Outcome | null;
  /** Absent in checkpoints written before it existed: read as `works` (the next pass finds out itself). */
  nextPass: NextPass;
}

export function initialProgress(): RunProgress {
  return {
    steps: {},
    tasks: {},
    taskOrder: [],
    pending: {},
    security: { fixCycles: 0, stage: 'scan', findings: [], blocking: [] },
    usage: { tokens: 0, costUsd: 0, byRole: {} },
    hold: null,
    holdCount: 0,
    budget: { warned: false, waived: false },
    inbox: null,
    phases: [],
    ignoredResults: 0,
    outcome: null,
    nextPass: 'works',
  };
}

export const PROGRESS_KEYS = Object.keys(initialProgress()) as (keyof RunProgress)[];

export const RunStateAnnotation = Annotation.Root({
  run: Annotation<RunIdentity>(),
  /** The config frozen when the run started; a budget raised later comes through RunControl. */
  config: Annotation<RunConfig>(),
  requirements: Annotation<string>(),
  startedAt: Annotation<string>(),
  analysis: Annotation<AnalyzeRequirementsOutput | null>({ reducer: replace, default: () => null }),
  progress: Annotation<RunProgress>({ reducer: replace, default: initialProgress }),
});

/** The channels as LangGraph stores them. */
export type RunChannels = typeof RunStateAnnotation.State;
/** The flat view every node, router and helper works with. */
export type RunState = Omit<RunChannels, 'progress'> & RunProgress;
export type RunUpdate = typeof RunStateAnnotation.Update;

export function flattenState(channels: RunChannels): RunState {
  const { progress, ...once } = channels;
  return { ...once, ...progress };
}

/** What the service passes to start a run: everything else starts from its default. */
export interface RunStart {
  run: RunIdentity;
  config: RunConfig;
  requirements: string;
  /** When the run became RUNNING; the deadline counts from here. */
  startedAt: string;
}
