import type { AgentResult, AgentRole, JobKind } from '@shipyard/contracts';
import type { ArtifactRef } from '../../ports/artifact-store.port';
import type { RunPorts } from '../../ports/run-ports';
import type { NodeName, Phase } from '../node-names';
import { afterJobFailure } from '../routes/after-job-failure.route';
import type { PendingJob, RunState, StepProgress } from '../state';
import type { CycleSpec, JobRequest } from './cycle';
import type { StateDraft } from './state-draft';

/** A node that sends one job at a time and is done when `next` says there is nothing more to send. */
export interface SingleJobSpec {
  node: NodeName;
  phase: Phase;
  /** The next job's role and kind, or null when the node's work is complete. Pure. */
  next(state: RunState): { role: AgentRole; kind: JobKind } | null;
  input(state: RunState, ports: RunPorts): Promise<Record<string, unknown>>;
  /**
   * Applies a successful result. Returns an error message when the output is unusable; that counts as a
   * retryable failure of the job.
   */
  apply(draft: StateDraft, ports: RunPorts, job: PendingJob, result: AgentResult): Promise<string | null>;
}

export const NO_PROGRESS: StepProgress = { jobs: 0, failedJobs: 0, done: false, artifact: null };

export function progressOf(state: Pick<RunState, 'steps'>, node: NodeName): StepProgress {
  return state.steps[node] ?? NO_PROGRESS;
}

export function updateProgress(draft: StateDraft, node: NodeName, change: Partial<StepProgress>): void {
  const steps = draft.get('steps');
  draft.set('steps', { ...steps, [node]: { ...(steps[node] ?? NO_PROGRESS), ...change } });
}

export function completeStep(draft: StateDraft, node: NodeName, artifact: ArtifactRef | null = null): void {
  updateProgress(draft, node, { done: true, ...(artifact ? { artifact } : {}) });
}

export function singleJobCycle(spec: SingleJobSpec, ports: RunPorts): CycleSpec {
  return {
    phase: spec.phase,
    owns: [spec.node],
    isComplete: (state) => progressOf(state, spec.node).done,
    jobsToSend(state): JobRequest[] {
      const progress = progressOf(state, spec.node);
      if (progress.done || Object.values(state.pending).some((job) => job.node === spec.node)) return [];
      const next = spec.next(state);
      if (!next) return [];
      return [
        {
          node: spec.node,
          ...next,
          taskId: null,
          attempt: progress.jobs + 1,
          input: () => spec.input(state, ports),
          onSent: (draft) =>
            updateProgress(draft, spec.node, { jobs: progressOf(draft.view(), spec.node).jobs + 1 }),
        },
      ];
    },
    async apply(draft, job, result) {
      const problem =
        result.status === 'failed'
          ? {
              retryable: result.failure?.retryable ?? true,
              message: result.failure?.message ?? 'agent reported failure',
            }
          : await spec
              .apply(draft, ports, job, result)
              .then((error) => (error ? { retryable: true, message: error } : null));
      if (!problem) return;
      const failedJobs = progressOf(draft.view(), spec.node).failedJobs;
      const decision = afterJobFailure({ ...problem, failuresSoFar: failedJobs });
      updateProgress(draft, spec.node, { failedJobs: failedJobs + 1 });
      if (decision.next === 'failed')
        draft.set('outcome', { status: 'FAILED', reason: `${spec.node}: ${decision.reason}` });
    },
  };
}

/** Every file set the run has produced so far, for jobs that look at the whole repository. */
export function artifactsOf(state: Pick<RunState, 'steps' | 'tasks' | 'taskOrder'>): ArtifactRef[] {
  const fromSteps = Object.values(state.steps).flatMap((s) => (s?.artifact ? [s.artifact] : []));
  const fromTasks = state.taskOrder.flatMap((id) => {
    const artifact = state.tasks[id]?.artifact;
    return artifact ? [artifact] : [];
  });
  return [...fromSteps, ...fromTasks];
}
