import type { RunPorts } from '../../ports/run-ports';
import { NodeNames } from '../node-names';
import { toTaskStates } from '../plan/task-tree';
import { validatePlan } from '../plan/validate-plan';
import type { RunState, RunUpdate } from '../state';
import { runCycle } from '../steps/cycle';
import { emitTaskChange } from '../steps/emit';
import { readPlan } from '../steps/read-output';
import { completeStep, singleJobCycle } from '../steps/single-job-cycle';

/**
 * The PM plans the work. A valid plan becomes the persisted task tree (the store assigns ids; a second
 * save for the run returns the same tree, so a re-run after a crash does not plan twice); an invalid one
 * counts as a failed attempt and the PM is asked again.
 */
export function pmCreateTasksNode(ports: RunPorts): (state: RunState) => Promise<RunUpdate> {
  const cycle = singleJobCycle(
    {
      node: NodeNames.pmCreateTasks,
      phase: 'planning',
      next: (state) => (state.taskOrder.length > 0 ? null : { role: 'pm', kind: 'create_tasks' }),
      input: (state) => Promise.resolve({ requirements: state.requirements, analysis: state.analysis }),
      async apply(draft, _ports, _job, result) {
        const read = readPlan(result.output);
        if (!read.ok) return read.error;
        const errors = validatePlan(read.value);
        if (errors.length > 0) return `invalid plan: ${errors.join('; ')}`;
        const state = draft.view();
        const stored = await ports.tasks.savePlan(state.run, read.value);
        const { tasks, order } = toTaskStates(stored);
        draft.set('tasks', tasks);
        draft.set('taskOrder', order);
        for (const id of order)
          await emitTaskChange(ports, state, id, 'PENDING', 'planned by the PM', 'planned');
        completeStep(draft, NodeNames.pmCreateTasks);
        return null;
      },
    },
    ports,
  );
  return (state) => runCycle(state, ports, cycle);
}
