import type { AgentJob, ImplementOutput } from '@shipyard/contracts';
import {
  askModel,
  filesProgressComment,
  jobSubjectLine,
  type AgentJobContext,
  type AgentJobHandler,
  type AgentJobOutcome,
} from '@shipyard/shared/agent-runtime';

/**
 * The developer fixes what a review or a security scan found. The comment names how many findings the
 * fix answers, so the trail shows which round of the loop it closes.
 */
export class FixHandler implements AgentJobHandler {
  readonly kind = 'fix' as const;

  async handle(job: AgentJob, context: AgentJobContext): Promise<AgentJobOutcome> {
    const { value, usage, author } = await askModel<ImplementOutput>(job, context);
    const findings = Array.isArray(job.input['findings']) ? job.input['findings'].length : 0;
    const comment = filesProgressComment({
      author,
      heading: `Fix of ${jobSubjectLine(job)} addressing ${findings} finding(s)`,
      summary: value.summary,
      files: value.files,
    });
    return { output: value, usage, comments: [{ ...comment, metrics: { ...comment.metrics, findings } }] };
  }
}
