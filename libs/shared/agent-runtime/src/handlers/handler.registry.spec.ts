import { AgentRoles, JobKinds, type AgentJob, type JobKind } from '@shipyard/contracts';
import type { AgentJobHandler, AgentJobOutcome } from './agent-job.handler';
import { HandlerRegistry, KIND_ROLES, kindsOfRole } from './handler.registry';

const handler = (kind: JobKind): AgentJobHandler => ({
  kind,
  handle: (_job: AgentJob): Promise<AgentJobOutcome> =>
    Promise.resolve({ output: {}, usage: [], comments: [] }),
});

describe('HandlerRegistry', () => {
  it('gives every kind exactly one role, and every role at least one kind', () => {
    expect(Object.keys(KIND_ROLES).sort()).toEqual([...JobKinds].sort());
    for (const role of AgentRoles) expect(kindsOfRole(role).length).toBeGreaterThan(0);
    expect(kindsOfRole('developer')).toEqual(['bootstrap_repo', 'implement', 'fix']);
  });

  it('finds the handler of each kind of its role, and none for other kinds', () => {
    const review = handler('review');
    const registry = new HandlerRegistry('lead', [review]);
    expect(registry.get('review')).toBe(review);
    expect(registry.get('test')).toBeUndefined();
  });

  it('refuses a miswired role, naming every problem', () => {
    let thrown: unknown;
    try {
      new HandlerRegistry('developer', [handler('implement'), handler('implement'), handler('review')]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        {
          path: 'handlers',
          messages: [
            'implement has two handlers',
            'review belongs to lead, not developer',
            'bootstrap_repo has no handler',
            'fix has no handler',
          ],
        },
      ],
    });
  });
});
