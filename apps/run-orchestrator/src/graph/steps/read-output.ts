import type {
  AnalyzeRequirementsOutput,
  FileChange,
  FindingSeverity,
  PlannedTask,
  ReviewOutput,
  SecurityFinding,
  TestOutput,
} from '@shipyard/contracts';

/*
 * Agents' outputs arrive as `Record<string, unknown>`. These readers check the shape the contracts promise
 * before the graph uses it; a malformed output is treated as a retryable failure of the job, not a crash.
 */

export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

const SEVERITIES: readonly FindingSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = <T>(error: string): Read<T> => ({ ok: false, error });

export function readAnalysis(output: Record<string, unknown>): Read<AnalyzeRequirementsOutput> {
  const { summary, requirements } = output;
  if (!isStr(summary) || !isStrArray(requirements)) return fail('analysis needs summary and requirements[]');
  return { ok: true, value: { summary, requirements } };
}

export function readPlan(output: Record<string, unknown>): Read<PlannedTask[]> {
  const tasks = output['tasks'];
  if (!Array.isArray(tasks)) return fail('plan needs tasks[]');
  const plan: PlannedTask[] = [];
  for (const [i, t] of tasks.entries()) {
    if (!isRecord(t) || !isStr(t['key']) || !isStr(t['title']) || !isStr(t['description'])) {
      return fail(`task ${i} needs key, title and description`);
    }
    const dependsOn = t['dependsOn'] ?? [];
    const criteria = t['acceptanceCriteria'] ?? [];
    if (!isStrArray(dependsOn) || !isStrArray(criteria))
      return fail(`task ${t['key']}: dependsOn and acceptanceCriteria must be string[]`);
    const parentKey = t['parentKey'];
    if (parentKey !== undefined && !isStr(parentKey))
      return fail(`task ${t['key']}: parentKey must be a string`);
    plan.push({
      key: t['key'],
      title: t['title'],
      description: t['description'],
      dependsOn,
      acceptanceCriteria: criteria,
      ...(parentKey === undefined ? {} : { parentKey }),
    });
  }
  return { ok: true, value: plan };
}

export function readFiles(output: Record<string, unknown>): Read<FileChange[]> {
  const files = output['files'];
  if (!Array.isArray(files)) return fail('output needs files[]');
  if (!files.every((f) => isRecord(f) && isStr(f['path']) && isStr(f['content']))) {
    return fail('every file needs a path and a content string');
  }
  return {
    ok: true,
    value: files.map((f: Record<string, string>) => ({ path: f['path'] ?? '', content: f['content'] ?? '' })),
  };
}

export function readReview(output: Record<string, unknown>): Read<ReviewOutput> {
  const { approved, findings } = output;
  if (typeof approved !== 'boolean' || !Array.isArray(findings))
    return fail('review needs approved and findings[]');
  const read: ReviewOutput['findings'] = [];
  for (const f of findings) {
    if (!isRecord(f) || !SEVERITIES.includes(f['severity'] as FindingSeverity) || !isStr(f['message'])) {
      return fail('every review finding needs a severity and a message');
    }
    read.push({
      severity: f['severity'] as FindingSeverity,
      message: f['message'],
      ...(isStr(f['path']) ? { path: f['path'] } : {}),
    });
  }
  return { ok: true, value: { approved, findings: read } };
}

export function readTestReport(output: Record<string, unknown>): Read<TestOutput> {
  const { passed, testsRun, failures } = output;
  if (typeof passed !== 'boolean' || typeof testsRun !== 'number' || !isStrArray(failures)) {
    return fail('test report needs passed, testsRun and failures[]');
  }
  return { ok: true, value: { passed, testsRun, failures } };
}

export function readSecurityScan(output: Record<string, unknown>): Read<SecurityFinding[]> {
  const findings = output['findings'];
  if (!Array.isArray(findings)) return fail('scan needs findings[]');
  const read: SecurityFinding[] = [];
  for (const f of findings) {
    if (
      !isRecord(f) ||
      !SEVERITIES.includes(f['severity'] as FindingSeverity) ||
      !isStr(f['rule']) ||
      !isStr(f['message'])
    ) {
      return fail('every security finding needs a severity, a rule and a message');
    }
    read.push({
      severity: f['severity'] as FindingSeverity,
      rule: f['rule'],
      message: f['message'],
      ...(isStr(f['path']) ? { path: f['path'] } : {}),
    });
  }
  return { ok: true, value: read };
}
