import type { FinalReport } from '../../ports/report-sink.port';
import type { UsageTotals } from '../../ports/ledger.port';
import { STATUS_OF_STAGE } from '../steps/task-stage';
import type { Outcome, RunState } from '../state';

/** The run's final report, from its state and the ledger's totals. Pure, so it is tested on its own. */
export function buildFinalReport(
  state: Pick<
    RunState,
    'run' | 'tasks' | 'taskOrder' | 'security' | 'phases' | 'startedAt' | 'ignoredResults'
  >,
  outcome: Outcome,
  usage: UsageTotals,
  finishedAt: Date,
): FinalReport {
  const tasks = state.taskOrder.flatMap((id) => {
    const task = state.tasks[id];
    if (!task) return [];
    const unfinished = task.stage !== 'done' && task.stage !== 'failed';
    return [
      {
        taskId: task.id,
        key: task.key,
        title: task.title,
        // A task still in flight when the run ended did not finish: the report says so.
        status:
          unfinished && outcome.status !== 'COMPLETED' ? ('CANCELLED' as const) : STATUS_OF_STAGE[task.stage],
        reviewIterations: task.reviewIterations,
        fixCycles: task.fixCycles,
        reason: task.reason,
      },
    ];
  });
  return {
    runId: state.run.runId,
    outcome: outcome.status,
    reason: outcome.reason,
    tasks,
    usage: { tokens: usage.tokens, costUsd: usage.costUsd, byRole: usage.byRole },
    reviewIterations: tasks.reduce((sum, t) => sum + t.reviewIterations, 0),
    fixCycles: tasks.reduce((sum, t) => sum + t.fixCycles, 0),
    securityFixCycles: state.security.fixCycles,
    securityFindings: state.security.findings.map((f) => ({
      severity: f.severity,
      rule: f.rule ?? 'unspecified',
      message: f.message,
      ...(f.path === undefined ? {} : { path: f.path }),
    })),
    phases: state.phases.map((p) => {
      const endedAt = p.endedAt ?? finishedAt.toISOString();
      return {
        phase: p.phase,
        startedAt: p.startedAt,
        endedAt,
        ms: Date.parse(endedAt) - Date.parse(p.startedAt),
      };
    }),
    startedAt: state.startedAt,
    finishedAt: finishedAt.toISOString(),
    ignoredResults: state.ignoredResults,
  };
}
