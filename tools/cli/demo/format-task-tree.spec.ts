import type { TaskView } from '@shipyard/contracts';
import { formatTaskTree } from './format-task-tree';

let next = 0;
function makeTask(overrides: Partial<TaskView>): TaskView {
  next += 1;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    runId: '6f1c2b1e-8a43-4a57-9c1d-1f2e3d4c5b6a',
    parentTaskId: null,
    title: `Task ${next}`,
    description: '',
    dependsOn: [],
    acceptanceCriteria: [],
    status: 'DONE',
    assignedRole: null,
    assignedAgentId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

test('children under parents, dependencies by listing number, orphans at the top', () => {
  const root = makeTask({ title: 'Shelf API' });
  const members = makeTask({ title: 'Members', parentTaskId: root.id, assignedRole: 'developer' });
  const loans = makeTask({
    title: 'Loans',
    parentTaskId: root.id,
    dependsOn: [members.id],
    status: 'FAILED',
  });
  const orphan = makeTask({ title: 'Docs', parentTaskId: '00000000-0000-4000-8000-999999999999' });
  expect(formatTaskTree([root, members, loans, orphan])).toEqual([
    '  #1   DONE         Shelf API',
    '  #2     DONE         Members [developer]',
    '  #3     FAILED       Loans  after #2',
    '  #4   DONE         Docs',
  ]);
});
