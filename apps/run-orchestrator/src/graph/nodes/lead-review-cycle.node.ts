import type { RunPorts } from '../../ports/run-ports';
import { afterReview } from '../routes/after-review.route';
import type { RunState, RunUpdate } from '../state';
import { act, markNextPass } from '../steps/cycle';
import { StateDraft } from '../steps/state-draft';
import { failTask, taskCycle } from '../steps/task-cycle';
import { moveTask } from '../steps/task-stage';

/**
 * Applies the lead's verdict on a task: approved goes on to QA, findings go back to a developer fix while
 * review rounds remain, and a rejection in the last round fails the task (and so the run). Then, at the
 * node boundary, sends whatever the verdict unlocked, so the scheduler only has to wait.
 */
export function leadReviewCycleNode(ports: RunPorts): (state: RunState) => Promise<RunUpdate> {
  const cycle = taskCycle(ports);
  return async (state) => {
    const draft = new StateDraft(state);
    const inbox = state.inbox;
    draft.set('inbox', null);
    const task = inbox?.kind === 'review' ? state.tasks[inbox.taskId] : undefined;
    if (inbox?.kind === 'review' && task) {
      const round = task.reviewIterations + 1;
      const decision = afterReview({
        approved: inbox.approved,
        round,
        maxIterations: state.config.review.maxIterations,
        findings: inbox.findings.length,
      });
      const counted = { ...task, reviewIterations: round };
      switch (decision.next) {
        case 'qa':
          await moveTask(
            draft,
            ports,
            task.id,
            { ...counted, stage: 'qa', openFindings: [] },
            `review round ${round} approved`,
          );
          break;
        case 'fix':
          await moveTask(
            draft,
            ports,
            task.id,
            { ...counted, stage: 'fix', openFindings: inbox.findings },
            `review round ${round}: ${inbox.findings.length} findings to fix`,
          );
          break;
        case 'failed':
          await failTask(draft, ports, { ...counted, openFindings: inbox.findings }, decision.reason);
          break;
      }
    }
    await act(draft, ports, cycle);
    markNextPass(draft, cycle);
    return draft.update();
  };
}
