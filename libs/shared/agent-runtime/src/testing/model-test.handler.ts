import type { AgentJob, TestOutput } from '@shipyard/contracts';
import type { AgentJobContext, AgentJobHandler, AgentJobOutcome } from '../handlers/agent-job.handler';
import { askModel } from '../handlers/ask-model';

/**
 * A QA `test` handler for the runtime's own specs (the lib cannot import the agent apps): it asks the
 * model exactly as the apps' handlers do, so model calls, usage and failures take the production path.
 */
export class ModelTestHandler implements AgentJobHandler {
  readonly kind = 'test' as const;

  async handle(job: AgentJob, context: AgentJobContext): Promise<AgentJobOutcome> {
    const { value, usage, author } = await askModel<TestOutput>(job, context);
    return {
      output: value,
      usage,
      comments: [{ commentType: 'TEST_REPORT', body: `${value.testsRun} test(s) run by ${author}` }],
    };
  }
}
