import type { AgentJob, ImplementOutput } from '@shipyard/contracts';
import {
  askModel,
  filesProgressComment,
  type AgentJobContext,
  type AgentJobHandler,
  type AgentJobOutcome,
} from '@shipyard/shared/agent-runtime';

/** The developer lays out the project's repository (manifest, compiler and test config, README). */
export class BootstrapRepoHandler implements AgentJobHandler {
  readonly kind = 'bootstrap_repo' as const;

  async handle(job: AgentJob, context: AgentJobContext): Promise<AgentJobOutcome> {
    const { value, usage, author } = await askModel<ImplementOutput>(job, context);
    return {
      output: value,
      usage,
      comments: [
        filesProgressComment({
          author,
          heading: 'Repository bootstrapped',
          summary: value.summary,
          files: value.files,
        }),
      ],
    };
  }
}
