import type { AgentJob, ReviewFinding, ReviewOutput } from '@shipyard/contracts';
import {
  askModel,
  atLeast,
  countBySeverity,
  jobRound,
  jobSubjectLine,
  SEVERITY_ORDER,
  type AgentJobContext,
  type AgentJobHandler,
  type AgentJobOutcome,
} from '@shipyard/shared/agent-runtime';

/**
 * The lead reviews a task's work: approved or not, with findings. One REVIEW comment carries the verdict
 * and every finding, worst first; findings at high or above are listed as blockers, since they are what
 * the next fix round has to answer.
 */
export class ReviewHandler implements AgentJobHandler {
  readonly kind = 'review' as const;

  async handle(job: AgentJob, context: AgentJobContext): Promise<AgentJobOutcome> {
    const { value, usage, author } = await askModel<ReviewOutput>(job, context);
    const round = jobRound(job);
    const findings = [...value.findings].sort(
      (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
    );
    const verdict = value.approved ? 'Approved' : 'Changes requested';
    const heading = `${verdict}: review of ${jobSubjectLine(job)}${round ? ` (round ${round})` : ''} by ${author}.`;
    const listed = findings.length > 0 ? findings.map(describe).join('\n') : 'No findings.';
    const blockers = findings
      .filter((f) => atLeast(f.severity, 'high'))
      .map(describe)
      .slice(0, 50);
    return {
      output: value,
      usage,
      comments: [
        {
          commentType: 'REVIEW',
          body: `${heading}\n\n${listed}`,
          metrics: {
            approved: value.approved,
            findings: findings.length,
            ...countBySeverity(findings),
            ...(round ? { round } : {}),
          },
          ...(blockers.length > 0 ? { blockers } : {}),
        },
      ],
    };
  }
}

function describe(finding: ReviewFinding): string {
  return `- [${finding.severity}] ${finding.path ? `${finding.path}: ` : ''}${finding.message}`.slice(
    0,
    2000,
  );
}
