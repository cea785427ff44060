import type { AgentJob, PrepareDeployOutput } from '@shipyard/contracts';
import {
  askModel,
  filesProgressComment,
  type AgentJobContext,
  type AgentJobHandler,
  type AgentJobOutcome,
} from '@shipyard/shared/agent-runtime';

/** The devops agent writes what ships the project: container image, CI workflow, deployment manifests. */
export class PrepareDeployHandler implements AgentJobHandler {
  readonly kind = 'prepare_deploy' as const;

  async handle(job: AgentJob, context: AgentJobContext): Promise<AgentJobOutcome> {
    const { value, usage, author } = await askModel<PrepareDeployOutput>(job, context);
    return {
      output: value,
      usage,
      comments: [filesProgressComment({ author, heading: 'Deployment prepared', files: value.files })],
    };
  }
}
