import type { RunPorts } from '../../ports/run-ports';
import { afterQa } from '../routes/after-qa.route';
import type { RunState, RunUpdate } from '../state';
import { act, markNextPass } from '../steps/cycle';
import { StateDraft } from '../steps/state-draft';
import { failTask, taskCycle } from '../steps/task-cycle';
import { moveTask } from '../steps/task-stage';

/**
 * Applies QA's report on a task: passing tests finish it; failing ones send it back to a developer fix
 * (reviewed again) while the task's fix cycles stay within the review bound; otherwise the task fails.
 * Then sends whatever became ready.
 */
export function qaTestCycleNode(ports: RunPorts): (state: RunState) => Promise<RunUpdate> {
  const cycle = taskCycle(ports);
  return async (state) => {
    const draft = new StateDraft(state);
    const inbox = state.inbox;
    draft.set('inbox', null);
    const task = inbox?.kind === 'test' ? state.tasks[inbox.taskId] : undefined;
    if (inbox?.kind === 'test' && task) {
      const decision = afterQa({
        passed: inbox.passed,
        fixCycles: task.fixCycles,
        maxFixCycles: state.config.review.maxIterations,
        failures: inbox.failures.length,
      });
      switch (decision.next) {
        case 'done':
          await moveTask(draft, ports, task.id, { stage: 'done', openFindings: [] }, 'QA passed');
          break;
        case 'fix':
          await moveTask(
            draft,
            ports,
            task.id,
            { stage: 'fix', openFindings: inbox.failures },
            `QA failed: ${inbox.failures.length} failures`,
          );
          break;
        case 'failed':
          await failTask(draft, ports, { ...task, openFindings: inbox.failures }, decision.reason);
          break;
      }
    }
    await act(draft, ports, cycle);
    markNextPass(draft, cycle);
    return draft.update();
  };
}
