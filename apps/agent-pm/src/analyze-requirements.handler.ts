import type { AgentJob, AnalyzeRequirementsOutput } from '@shipyard/contracts';
import {
  askModel,
  type AgentJobContext,
  type AgentJobHandler,
  type AgentJobOutcome,
} from '@shipyard/shared/agent-runtime';

/**
 * The PM reads the requirement and restates it as a summary and numbered requirement statements. The
 * analysis goes into the task's trail as a NOTE: it informs the plan, it decides nothing yet.
 */
export class AnalyzeRequirementsHandler implements AgentJobHandler {
  readonly kind = 'analyze_requirements' as const;

  async handle(job: AgentJob, context: AgentJobContext): Promise<AgentJobOutcome> {
    const { value, usage, author } = await askModel<AnalyzeRequirementsOutput>(job, context);
    const statements = value.requirements.map((r, i) => `${i + 1}. ${r}`).join('\n');
    return {
      output: value,
      usage,
      comments: [
        {
          commentType: 'NOTE',
          body: `Requirements analysis by ${author}.\n\nSummary: ${value.summary}\n\nRequirements:\n${statements || '(none)'}`,
          metrics: { requirements: value.requirements.length },
        },
      ],
    };
  }
}
