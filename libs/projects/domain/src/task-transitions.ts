import { DomainError, type TaskStatus } from '@shipyard/contracts';

/**
 * Which status a task may move to from each status. Work moves forward through review and QA and may go
 * back to IN_PROGRESS for a fix; BLOCKED returns to where work can resume; DONE and CANCELLED are final;
 * FAILED may be retried from PENDING (the orchestrator re-queues a failed task after a fix cycle).
 */
export const TaskTransitions: Record<TaskStatus, readonly TaskStatus[]> = {
  PENDING: ['IN_PROGRESS', 'BLOCKED', 'CANCELLED', 'FAILED'],
  IN_PROGRESS: ['IN_REVIEW', 'IN_QA', 'DONE', 'BLOCKED', 'FAILED', 'CANCELLED'],
  IN_REVIEW: ['IN_PROGRESS', 'IN_QA', 'DONE', 'BLOCKED', 'FAILED', 'CANCELLED'],
  IN_QA: ['IN_PROGRESS', 'DONE', 'BLOCKED', 'FAILED', 'CANCELLED'],
  BLOCKED: ['PENDING', 'IN_PROGRESS', 'FAILED', 'CANCELLED'],
  DONE: [],
  FAILED: ['PENDING'],
  CANCELLED: [],
};

/**
 * Throws INVALID_STATE_TRANSITION unless `from -> to` is allowed. Staying in the same status is allowed so
 * that a retried update (same body twice) succeeds instead of failing the second time.
 */
export function assertTaskTransition(from: TaskStatus, to: TaskStatus): void {
  if (from === to || TaskTransitions[from].includes(to)) return;
  throw new DomainError('INVALID_STATE_TRANSITION', `A task cannot go from ${from} to ${to}`, {
    from,
    to,
    allowed: [...TaskTransitions[from]],
  });
}
