import type { RunView } from '@shipyard/contracts';

/**
 * The parts of the orchestrator's final report the demo prints. The report travels as an open JSON object
 * (RunView.finalReport); these readers take what is there and say "n/a" for what is not, so a report from
 * an older or newer orchestrator still prints.
 */
interface Usage {
  tokens: number;
  costUsd: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter(isRecord) : [];

function usage(value: unknown): Usage | undefined {
  if (!isRecord(value)) return undefined;
  const tokens = num(value.tokens);
  const costUsd = num(value.costUsd);
  return tokens === undefined || costUsd === undefined ? undefined : { tokens, costUsd };
}

const tokens = (n: number): string => `${n.toLocaleString('en-US')} tokens`;
const money = (n: number): string => `$${n.toFixed(4)}`;
const seconds = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

/** The final report as text for a terminal: outcome, tasks, spend per role, cycles, findings, phases. */
export function formatReport(run: RunView): string[] {
  const report = run.finalReport;
  const lines: string[] = [];
  lines.push(`Run ${run.id}`);
  lines.push(`Outcome: ${run.status}${run.statusReason ? ` — ${run.statusReason}` : ''}`);
  if (!isRecord(report)) {
    lines.push('(the run has no final report: it ended before final_decision wrote one)');
    lines.push(`Spend: ${tokens(run.usage.totalTokens)}, ${money(run.costUsd)}`);
    return lines;
  }

  const tasks = list(report.tasks);
  lines.push('', `Tasks (${tasks.length}):`);
  const width = Math.min(60, Math.max(10, ...tasks.map((t) => (str(t.title) ?? '').length)));
  for (const task of tasks) {
    const title = (str(task.title) ?? str(task.taskId) ?? '?').slice(0, width).padEnd(width);
    const cycles = `review ${num(task.reviewIterations) ?? 0}, fixes ${num(task.fixCycles) ?? 0}`;
    const reason = str(task.reason) ? `  (${str(task.reason)})` : '';
    lines.push(`  ${(str(task.status) ?? '?').padEnd(12)} ${title}  ${cycles}${reason}`);
  }

  const total = usage(report.usage);
  const byRole = isRecord(report.usage) && isRecord(report.usage.byRole) ? report.usage.byRole : {};
  lines.push('', 'Tokens and cost per role:');
  for (const [role, amount] of Object.entries(byRole).sort(([a], [b]) => a.localeCompare(b))) {
    const spent = usage(amount);
    if (spent)
      lines.push(`  ${role.padEnd(10)} ${tokens(spent.tokens).padStart(18)}  ${money(spent.costUsd)}`);
  }
  if (total)
    lines.push(`  ${'total'.padEnd(10)} ${tokens(total.tokens).padStart(18)}  ${money(total.costUsd)}`);

  lines.push(
    '',
    `Review iterations: ${num(report.reviewIterations) ?? 'n/a'}   fix cycles: ${num(report.fixCycles) ?? 'n/a'}   security fix cycles: ${num(report.securityFixCycles) ?? 'n/a'}`,
  );
  const findings = list(report.securityFindings);
  lines.push(`Security findings: ${findings.length === 0 ? 'none' : findings.length}`);
  for (const finding of findings) {
    const where = str(finding.path) ? ` at ${str(finding.path)}` : '';
    lines.push(
      `  ${(str(finding.severity) ?? '?').padEnd(9)} ${str(finding.rule) ?? ''}${where}: ${str(finding.message) ?? ''}`,
    );
  }

  const phases = list(report.phases);
  lines.push('', 'Time per phase:');
  for (const phase of phases) {
    const ms = num(phase.ms);
    lines.push(`  ${(str(phase.phase) ?? '?').padEnd(26)} ${ms === undefined ? 'n/a' : seconds(ms)}`);
  }
  const started = Date.parse(str(report.startedAt) ?? '');
  const finished = Date.parse(str(report.finishedAt) ?? '');
  if (Number.isFinite(started) && Number.isFinite(finished))
    lines.push(`  ${'total'.padEnd(26)} ${seconds(finished - started)}`);
  return lines;
}
