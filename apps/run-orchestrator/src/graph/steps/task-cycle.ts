import type { AgentResult } from '@shipyard/contracts';
import type { RunPorts } from '../../ports/run-ports';
import { NodeNames } from '../node-names';
import { tasksNeedingJob } from '../plan/task-tree';
import { afterJobFailure } from '../routes/after-job-failure.route';
import type { PendingJob, RunState, TaskState } from '../state';
import type { CycleSpec, JobRequest } from './cycle';
import { failuresToNotes, toNotes } from './finding-notes';
import { readFiles, readReview, readTestReport } from './read-output';
import { progressOf } from './single-job-cycle';
import type { StateDraft } from './state-draft';
import { emitTaskChange } from './emit';
import { moveTask } from './task-stage';

/**
 * The task pipeline shared by `dev_work_cycle`, `lead_review_cycle` and `qa_test_cycle`: every leaf task
 * whose dependencies are done gets its next job (implement, review, fix or test) at once, so independent
 * tasks keep several workers busy while chained ones wait.
 */
export function taskCycle(ports: RunPorts): CycleSpec {
  return {
    phase: 'tasks',
    owns: [NodeNames.devWorkCycle, NodeNames.leadReviewCycle, NodeNames.qaTestCycle],
    isComplete: (state) => state.taskOrder.every((id) => state.tasks[id]?.stage === 'done'),
    // A task whose verdict waits in the inbox has no job in flight but must not get one before the verdict.
    jobsToSend: (state) =>
      tasksNeedingJob(state.tasks, state.taskOrder, state.pending)
        .filter((task) => task.id !== state.inbox?.taskId)
        .map((task) => requestFor(state, ports, task)),
    apply: (draft, job, result) => applyTaskResult(draft, ports, job, result),
  };
}

function requestFor(state: RunState, ports: RunPorts, task: TaskState): JobRequest {
  const base = {
    taskId: task.id,
    attempt: task.jobs + 1,
    onSent: (draft: StateDraft) => {
      const current = draft.get('tasks')[task.id] ?? task;
      draft.set('tasks', { ...draft.get('tasks'), [task.id]: { ...current, jobs: current.jobs + 1 } });
    },
  };
  const details = async () => {
    const stored = await ports.tasks.get(state.run, task.id);
    return {
      id: stored.id,
      key: task.key,
      title: stored.title,
      description: stored.description,
      acceptanceCriteria: stored.acceptanceCriteria,
    };
  };
  switch (task.stage) {
    case 'dev':
      return {
        ...base,
        node: NodeNames.devWorkCycle,
        role: 'developer',
        kind: 'implement',
        // A task leaves PENDING when its developer starts on it, not only when a review sends it back. Only
        // the first attempt starts it: a retried implementation finds the task IN_PROGRESS already.
        ...(task.jobs === 0
          ? {
              afterSend: async () => {
                const reason = 'implementation started';
                await ports.tasks.setStatus(state.run, task.id, 'IN_PROGRESS', reason);
                await emitTaskChange(ports, state, task.id, 'IN_PROGRESS', reason, 'started:0');
              },
            }
          : {}),
        input: async () => ({
          task: await details(),
          repo: progressOf(state, NodeNames.bootstrapRepo).artifact,
          dependencies: task.dependsOn.map((id) => ({
            taskId: id,
            artifact: state.tasks[id]?.artifact ?? null,
          })),
        }),
      };
    case 'fix':
      return {
        ...base,
        node: NodeNames.devWorkCycle,
        role: 'developer',
        kind: 'fix',
        input: async () => ({ task: await details(), artifact: task.artifact, findings: task.openFindings }),
      };
    case 'review':
      return {
        ...base,
        node: NodeNames.leadReviewCycle,
        role: 'lead',
        kind: 'review',
        input: async () => ({
          task: await details(),
          artifact: task.artifact,
          round: task.reviewIterations + 1,
        }),
      };
    case 'qa':
      return {
        ...base,
        node: NodeNames.qaTestCycle,
        role: 'qa',
        kind: 'test',
        input: async () => ({ task: await details(), artifact: task.artifact }),
      };
    case 'done':
    case 'failed':
      throw new Error(`task ${task.id} in stage ${task.stage} needs no job`);
  }
}

async function applyTaskResult(
  draft: StateDraft,
  ports: RunPorts,
  job: PendingJob,
  result: AgentResult,
): Promise<void> {
  const task = job.taskId === null ? undefined : draft.get('tasks')[job.taskId];
  if (!task) return;
  if (result.status === 'failed') {
    await failTaskJob(
      draft,
      ports,
      task,
      result.failure?.retryable ?? true,
      result.failure?.message ?? 'agent reported failure',
    );
    return;
  }
  switch (job.kind) {
    case 'implement':
    case 'fix': {
      const read = readFiles(result.output);
      if (!read.ok) return failTaskJob(draft, ports, task, true, read.error);
      const artifact = await ports.artifacts.putFiles(
        { ...draft.view().run, jobId: job.jobId, taskId: task.id },
        read.value,
      );
      const reviewed = draft.get('config').review.maxIterations > 0;
      await moveTask(
        draft,
        ports,
        task.id,
        {
          stage: reviewed ? 'review' : 'qa',
          artifact,
          openFindings: [],
          fixCycles: task.fixCycles + (job.kind === 'fix' ? 1 : 0),
        },
        job.kind === 'fix' ? 'fix submitted' : 'implementation submitted',
      );
      return;
    }
    case 'review': {
      // Applied by lead_review_cycle, where the review router decides; the verdict waits in the inbox.
      const read = readReview(result.output);
      if (!read.ok) return failTaskJob(draft, ports, task, true, read.error);
      draft.set('inbox', {
        kind: 'review',
        jobId: job.jobId,
        taskId: task.id,
        approved: read.value.approved,
        findings: toNotes(read.value.findings),
      });
      return;
    }
    case 'test': {
      const read = readTestReport(result.output);
      if (!read.ok) return failTaskJob(draft, ports, task, true, read.error);
      draft.set('inbox', {
        kind: 'test',
        jobId: job.jobId,
        taskId: task.id,
        passed: read.value.passed,
        failures: failuresToNotes(read.value.failures),
      });
      return;
    }
    case 'analyze_requirements':
    case 'create_tasks':
    case 'bootstrap_repo':
    case 'security_scan':
    case 'document':
    case 'prepare_deploy':
      return failTaskJob(draft, ports, task, false, `unexpected job kind ${job.kind} for a task`);
  }
}

/** A failed job is sent again (same stage, next attempt) while retries remain; then the task and run fail. */
async function failTaskJob(
  draft: StateDraft,
  ports: RunPorts,
  task: TaskState,
  retryable: boolean,
  message: string,
): Promise<void> {
  const decision = afterJobFailure({ retryable, failuresSoFar: task.failedJobs, message });
  if (decision.next === 'retry') {
    draft.set('tasks', { ...draft.get('tasks'), [task.id]: { ...task, failedJobs: task.failedJobs + 1 } });
    return;
  }
  await failTask(draft, ports, { ...task, failedJobs: task.failedJobs + 1 }, decision.reason);
}

export async function failTask(
  draft: StateDraft,
  ports: RunPorts,
  task: TaskState,
  reason: string,
): Promise<void> {
  await moveTask(draft, ports, task.id, { ...task, stage: 'failed', reason }, reason);
  draft.set('outcome', { status: 'FAILED', reason: `task ${task.key} (${task.title}) failed: ${reason}` });
}
