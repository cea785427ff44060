import type { AgentComment, AgentJob, SecurityFinding, SecurityScanOutput } from '@shipyard/contracts';
import {
  askModel,
  atLeast,
  countBySeverity,
  SEVERITY_ORDER,
  type AgentJobContext,
  type AgentJobHandler,
  type AgentJobOutcome,
} from '@shipyard/shared/agent-runtime';
import { filesInInput } from './job-files.reader';
import { redactSecrets, scanForSecrets } from './secret.scanner';

/** What names the deterministic scanner in comments, next to the model's name. */
export const SECRET_SCANNER_LABEL = 'Shipyard secret scanner (regex + entropy, deterministic)';
/** The output schema's bound on findings. */
const MAX_FINDINGS = 200;

/**
 * The security agent asks its model for findings, and runs the deterministic secret scanner over every
 * file the job input carries; both lists go into the output (model first, then scanner findings the model
 * did not already report on the same rule and path). The secrets found are redacted from the prompt, so a
 * leaked key is not sent on to a model endpoint. Each finding at medium or above gets its own
 * SECURITY_FINDING comment naming who found it; a NOTE sums up both and says what the scanner covered.
 */
export class SecurityScanHandler implements AgentJobHandler {
  readonly kind = 'security_scan' as const;

  async handle(job: AgentJob, context: AgentJobContext): Promise<AgentJobOutcome> {
    const files = filesInInput(job.input);
    const scan = scanForSecrets(files);
    // The model sees the code with the secrets the scanner found replaced by a marker (see redactSecrets).
    const redacted = { ...job, input: redactSecrets(job.input, scan.secrets) };
    const { value, usage, author } = await askModel<SecurityScanOutput>(redacted, context);
    const seen = new Set(value.findings.map(key));
    const added = scan.findings.filter((f) => !seen.has(key(f)));
    const room = Math.max(0, MAX_FINDINGS - value.findings.length);
    const findings: SecurityFinding[] = [...value.findings, ...added.slice(0, room)];
    const sources = new Map<SecurityFinding, string>([
      ...value.findings.map((f) => [f, author] as const),
      ...added.map((f) => [f, SECRET_SCANNER_LABEL] as const),
    ]);
    const reported = findings
      .filter((f) => atLeast(f.severity, 'medium'))
      .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
    const comments: AgentComment[] = reported.map((f) => ({
      commentType: 'SECURITY_FINDING',
      body: `[${f.severity}] ${f.rule}${f.path ? ` in ${f.path}` : ''}: ${f.message}\n\nFound by ${sources.get(f) ?? author}.`,
      metrics: { severity: f.severity, rule: f.rule },
    }));
    const counts = countBySeverity(findings);
    const coverage =
      files.length === 0
        ? 'The job input carried no file contents, so the secret scanner had nothing to scan.'
        : `The secret scanner checked ${scan.filesScanned} file(s), ${scan.bytesScanned} bytes${scan.truncated ? ' (cut short by its limits)' : ''}, and found ${scan.findings.length} possible secret(s), ${added.length} not already reported by the model.`;
    comments.unshift({
      commentType: 'NOTE',
      body: [
        `Security scan by ${author} and the ${SECRET_SCANNER_LABEL}: ${findings.length} finding(s), ${reported.length} at medium or above (${SEVERITY_ORDER.map((s) => `${counts[s]} ${s}`).join(', ')}).`,
        coverage,
        'The scanner runs because a model reading code for flaws can miss a pasted key; its findings never contain the secret itself.',
      ].join('\n\n'),
      metrics: {
        ...counts,
        modelFindings: value.findings.length,
        scannerFindings: added.length,
        filesScanned: scan.filesScanned,
      },
    });
    return { output: { findings }, usage, comments };
  }
}

function key(finding: SecurityFinding): string {
  return `${finding.rule}\u0000${finding.path ?? ''}`;
}
