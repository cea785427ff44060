import type { TaskStatus } from '@shipyard/contracts';
import type { RunPorts } from '../../ports/run-ports';
import { withParentStages } from '../plan/task-tree';
import type { TaskStage, TaskState } from '../state';
import { emitTaskChange } from './emit';
import type { StateDraft } from './state-draft';

export const STATUS_OF_STAGE: Record<TaskStage, TaskStatus> = {
  dev: 'IN_PROGRESS',
  fix: 'IN_PROGRESS',
  review: 'IN_REVIEW',
  qa: 'IN_QA',
  done: 'DONE',
  failed: 'FAILED',
};

/**
 * Moves a task to its next stage (with any counter changes), lets its parents follow, and records every
 * task whose status changed in the task store and as an event. The event id includes the task's job
 * count, which is the same on a re-run and different on every real transition.
 */
export async function moveTask(
  draft: StateDraft,
  ports: RunPorts,
  taskId: string,
  change: Partial<TaskState> & { stage: TaskStage },
  reason: string,
): Promise<void> {
  const before = draft.get('tasks');
  const task = before[taskId];
  if (!task) throw new Error(`task ${taskId} is not in the run's state`);
  const after = withParentStages({ ...before, [taskId]: { ...task, ...change } });
  draft.set('tasks', after);
  const state = draft.view();
  for (const id of draft.get('taskOrder')) {
    const was = before[id];
    const now = after[id];
    if (!was || !now || (STATUS_OF_STAGE[was.stage] === STATUS_OF_STAGE[now.stage] && id !== taskId))
      continue;
    const status = STATUS_OF_STAGE[now.stage];
    await ports.tasks.setStatus(state.run, id, status, id === taskId ? reason : 'follows its subtasks');
    await emitTaskChange(
      ports,
      state,
      id,
      status,
      id === taskId ? reason : 'follows its subtasks',
      `${now.jobs}:${now.reviewIterations}`,
    );
  }
}
