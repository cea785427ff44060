import { TerminalRunStatuses, type RunEventView } from '@shipyard/contracts';
import { duplicates, jobTokens, type RunReading } from '../support/run-reads';
import type { SoakScenario } from './soak-scenarios';

/** What one ended run showed through the API, and the jobs its usage events counted. */
export interface RunAudit {
  problems: string[];
  /** Jobs whose usage was recorded (one `run.usage` event each). */
  jobs: number;
}

/**
 * Everything a user could hold against an ended run, read only through the API: the status its scenario
 * must end in; no task or comment written twice; the event log numbered 1..n without gaps, with one
 * terminal status; every comment streamed once; every job's usage counted once and adding up to the run's
 * counters, its report and its tokens per role; and budgets that held.
 */
export function auditRun(
  scenario: SoakScenario,
  reading: RunReading,
  events: readonly RunEventView[],
): RunAudit {
  const { run } = reading;
  const problems: string[] = [];
  if (run.status !== scenario.expected)
    problems.push(`ended ${run.status} (${run.statusReason}), expected ${scenario.expected}`);

  const comments = reading.comments.map((c) => `${c.taskId}|${c.commentType}|${c.authorRole}|${c.body}`);
  const doubled = duplicates(comments).length;
  if (doubled > 0) problems.push(`${doubled} comment(s) written twice`);
  if (duplicates(reading.tasks.map((t) => t.title)).length > 0) problems.push('a task created twice');

  if (events.some((event, i) => event.seq !== i + 1)) problems.push('event ids are not 1..n');
  const statuses = events.flatMap((e) => (e.data.type === 'run.status' ? [e.data.status] : []));
  if (statuses.filter((status) => TerminalRunStatuses.includes(status)).length !== 1)
    problems.push(`status events ${statuses.join(' > ')}`);
  const streamed = events.flatMap((e) => (e.data.type === 'comment.created' ? [e.data.commentId] : []));
  if (streamed.length !== reading.comments.length || duplicates(streamed).length > 0)
    problems.push(`${streamed.length} comment events for ${reading.comments.length} comments`);

  const increments = jobTokens(events);
  if (increments.some((tokens) => tokens <= 0)) problems.push('a usage event that adds nothing');
  const total = run.usage.totalTokens;
  const streamedTotal = increments.reduce((sum, tokens) => sum + tokens, 0);
  if (streamedTotal !== total)
    problems.push(`usage events add up to ${streamedTotal}, the run says ${total}`);

  const report = run.finalReport as {
    usage?: { tokens?: number; byRole?: Record<string, { tokens: number }> };
  } | null;
  // A user's stop writes nothing for the run afterwards, the report included.
  if (run.status !== 'STOPPED_USER') {
    if (!report) problems.push('no final report');
    else {
      if (report.usage?.tokens !== total)
        problems.push(`report says ${report.usage?.tokens} tokens, run ${total}`);
      const byRole = Object.values(report.usage?.byRole ?? {}).reduce((sum, role) => sum + role.tokens, 0);
      if (byRole !== total) problems.push(`tokens per role add up to ${byRole}, run ${total}`);
    }
  }

  const budget = scenario.configPatch?.budget;
  if (!scenario.raiseWhenPaused && budget?.maxTokens !== undefined && total > budget.maxTokens)
    problems.push(`spent ${total} tokens of a ${budget.maxTokens} budget`);
  if (budget?.maxCostUsd !== undefined && run.costUsd > budget.maxCostUsd)
    problems.push(`spent $${run.costUsd} of a $${budget.maxCostUsd} budget`);
  if (scenario.userStop && run.finishedAt) {
    const stoppedAt = Date.parse(run.finishedAt);
    if (reading.comments.some((c) => Date.parse(c.createdAt) > stoppedAt))
      problems.push('a comment after the stop');
  }
  return { problems, jobs: increments.length };
}
