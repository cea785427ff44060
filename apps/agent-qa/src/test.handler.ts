import type { AgentJob, TestOutput } from '@shipyard/contracts';
import {
  askModel,
  jobSubjectLine,
  type AgentJobContext,
  type AgentJobHandler,
  type AgentJobOutcome,
} from '@shipyard/shared/agent-runtime';

const MAX_LISTED_FAILURES = 50;

/** QA tests a task's work and reports passed or not, how many tests ran, and each failure. */
export class TestHandler implements AgentJobHandler {
  readonly kind = 'test' as const;

  async handle(job: AgentJob, context: AgentJobContext): Promise<AgentJobOutcome> {
    const { value, usage, author } = await askModel<TestOutput>(job, context);
    const verdict = value.passed ? 'Passed' : 'Failed';
    const failures = value.failures.slice(0, MAX_LISTED_FAILURES).map((f) => `- ${f.slice(0, 2000)}`);
    if (value.failures.length > MAX_LISTED_FAILURES)
      failures.push(`- ... and ${value.failures.length - MAX_LISTED_FAILURES} more`);
    return {
      output: value,
      usage,
      comments: [
        {
          commentType: 'TEST_REPORT',
          body: `${verdict}: ${value.testsRun} test(s) run on ${jobSubjectLine(job)} by ${author}, ${value.failures.length} failure(s).${failures.length > 0 ? `\n\n${failures.join('\n')}` : ''}`,
          metrics: { passed: value.passed, testsRun: value.testsRun, failures: value.failures.length },
          ...(value.passed ? {} : { blockers: value.failures.slice(0, 50).map((f) => f.slice(0, 1000)) }),
        },
      ],
    };
  }
}
