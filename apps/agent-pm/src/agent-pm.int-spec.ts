/**
 * Real: NATS JetStream (streams, KV result bucket) on the spec's own prefix, the agent runtime, the PM's
 * handlers, the offline model. Faked: nothing (the model factory only counts calls).
 */
import type { CreateTasksOutput } from '@shipyard/contracts';
import { AgentRuntimeTesting, kindsOfRole } from '@shipyard/shared/agent-runtime';
import { pmHandlers } from './pm.handlers';

describe('agent-pm on a real JetStream', () => {
  let trip: AgentRuntimeTesting.RoleRoundTrip;

  beforeAll(async () => {
    trip = await AgentRuntimeTesting.startRoleRoundTrip('pm', pmHandlers());
  });

  afterAll(async () => {
    await trip.harness.cleanup();
  });

  it.each(kindsOfRole('pm'))('answers a %s job with a well-formed result', async (kind) => {
    expect(AgentRuntimeTesting.resultProblems(await trip.run(kind), trip.harness.prefix, kind)).toEqual([]);
  });

  it('plans a task tree with dependencies and acceptance criteria, and says so in a DECISION', async () => {
    const result = (await trip.run('create_tasks')).data;
    const { tasks } = result.output as unknown as CreateTasksOutput;
    expect(tasks.length).toBeGreaterThanOrEqual(2);
    const keys = new Set(tasks.map((t) => t.key));
    for (const task of tasks) {
      expect(task.acceptanceCriteria.length).toBeGreaterThan(0);
      for (const dependency of task.dependsOn) expect(keys.has(dependency)).toBe(true);
    }
    expect(tasks.some((t) => t.dependsOn.length > 0)).toBe(true);
    const decision = result.comments.find((c) => c.commentType === 'DECISION');
    expect(decision?.body).toContain(tasks[0]?.title);
    expect(decision?.metrics).toMatchObject({ tasks: tasks.length });
  });

  it('writes the analysis into a NOTE', async () => {
    const result = (await trip.run('analyze_requirements')).data;
    const note = result.comments.find((c) => c.commentType === 'NOTE');
    expect(note?.body).toContain('Requirements analysis');
    expect(note?.metrics?.['requirements']).toBeGreaterThan(0);
  });
});
