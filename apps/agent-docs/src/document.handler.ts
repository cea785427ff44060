import type { AgentJob, DocumentOutput } from '@shipyard/contracts';
import {
  askModel,
  filesProgressComment,
  type AgentJobContext,
  type AgentJobHandler,
  type AgentJobOutcome,
} from '@shipyard/shared/agent-runtime';

/** The docs agent writes the project's README and overview from the analysis and the finished work. */
export class DocumentHandler implements AgentJobHandler {
  readonly kind = 'document' as const;

  async handle(job: AgentJob, context: AgentJobContext): Promise<AgentJobOutcome> {
    const { value, usage, author } = await askModel<DocumentOutput>(job, context);
    return {
      output: value,
      usage,
      comments: [filesProgressComment({ author, heading: 'Documentation written', files: value.files })],
    };
  }
}
