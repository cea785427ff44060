import type { RunPorts } from '../../ports/run-ports';
import { buildFinalReport } from '../report/build-final-report';
import type { Outcome, RunState, RunUpdate } from '../state';
import { emitRunStatus } from '../steps/emit';
import { closePhases } from '../steps/phases';
import { StateDraft } from '../steps/state-draft';

const COMPLETED: Outcome = {
  status: 'COMPLETED',
  reason: 'every task passed review and QA, and the security gate passed',
};

/**
 * Ends the run: the outcome a router set (or COMPLETED when none did), tasks left unfinished marked
 * CANCELLED, the final report written, the terminal status announced. Every write here is keyed by the
 * run, so a re-run after a crash repeats them harmlessly.
 */
export function finalDecisionNode(ports: RunPorts): (state: RunState) => Promise<RunUpdate> {
  return async (state) => {
    const draft = new StateDraft(state);
    const outcome = state.outcome ?? COMPLETED;
    const now = ports.clock.now();
    closePhases(draft, now);
    const usage = await ports.ledger.totals(state.run.runId);
    const report = buildFinalReport(draft.view(), outcome, usage, now);
    for (const task of report.tasks) {
      if (task.status === 'CANCELLED')
        await ports.tasks.setStatus(state.run, task.taskId, 'CANCELLED', outcome.reason);
    }
    await ports.reports.write(state.run, report);
    await emitRunStatus(ports, state, outcome.status, outcome.reason, 'final');
    draft.set('outcome', outcome);
    draft.set('usage', usage);
    draft.set('pending', {});
    draft.set('nextPass', 'ended');
    return draft.update();
  };
}
