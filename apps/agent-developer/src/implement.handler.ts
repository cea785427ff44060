import type { AgentJob, ImplementOutput } from '@shipyard/contracts';
import {
  askModel,
  filesProgressComment,
  jobSubjectLine,
  type AgentJobContext,
  type AgentJobHandler,
  type AgentJobOutcome,
} from '@shipyard/shared/agent-runtime';

/** The developer implements one task: code and its tests, as files. */
export class ImplementHandler implements AgentJobHandler {
  readonly kind = 'implement' as const;

  async handle(job: AgentJob, context: AgentJobContext): Promise<AgentJobOutcome> {
    const { value, usage, author } = await askModel<ImplementOutput>(job, context);
    return {
      output: value,
      usage,
      comments: [
        filesProgressComment({
          author,
          heading: `Implementation of ${jobSubjectLine(job)}`,
          summary: value.summary,
          files: value.files,
        }),
      ],
    };
  }
}
