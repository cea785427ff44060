import type { AgentJob, CreateTasksOutput, PlannedTask } from '@shipyard/contracts';
import {
  askModel,
  type AgentJobContext,
  type AgentJobHandler,
  type AgentJobOutcome,
} from '@shipyard/shared/agent-runtime';

/**
 * The PM turns the analysis into a task tree with dependencies and acceptance criteria. The plan is the
 * PM's decision (a DECISION comment); the orchestrator validates the tree before it persists it.
 */
export class CreateTasksHandler implements AgentJobHandler {
  readonly kind = 'create_tasks' as const;

  async handle(job: AgentJob, context: AgentJobContext): Promise<AgentJobOutcome> {
    const { value, usage, author } = await askModel<CreateTasksOutput>(job, context);
    const independent = value.tasks.filter((t) => t.dependsOn.length === 0).length;
    return {
      output: value,
      usage,
      comments: [
        {
          commentType: 'DECISION',
          body: `Plan by ${author}: ${value.tasks.length} task(s), ${independent} without dependencies.\n\n${value.tasks.map(describe).join('\n')}`,
          metrics: {
            tasks: value.tasks.length,
            independentTasks: independent,
            acceptanceCriteria: value.tasks.reduce((n, t) => n + t.acceptanceCriteria.length, 0),
          },
          nextSteps: value.tasks
            .filter((t) => t.dependsOn.length === 0)
            .map((t) => `${t.key}: ${t.title}`)
            .slice(0, 50),
        },
      ],
    };
  }
}

function describe(task: PlannedTask): string {
  const after = task.dependsOn.length > 0 ? ` (after ${task.dependsOn.join(', ')})` : '';
  const parent = task.parentKey ? ` [part of ${task.parentKey}]` : '';
  return `- ${task.key}: ${task.title}${after}${parent}; ${task.acceptanceCriteria.length} acceptance criteria`;
}
