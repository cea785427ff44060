import type { RunEventData, RunEventView } from '@shipyard/contracts';
import { formatEvent } from './format-event';

const at = (seq: number, data: RunEventData): RunEventView => ({
  runId: '6f1c2b1e-8a43-4a57-9c1d-1f2e3d4c5b6a',
  seq,
  data,
  createdAt: '2026-11-24T04:01:02.345Z',
});
const TASK = '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b';

test('one line per kind of event, with the task named when known', () => {
  expect(formatEvent(at(1, { type: 'run.status', status: 'RUNNING', reason: 'picked up' }))).toBe(
    '04:01:02.345  #1    RUN      RUNNING         picked up',
  );
  expect(
    formatEvent(
      at(2, { type: 'task.changed', taskId: TASK, status: 'IN_PROGRESS', reason: 'developer' }),
      'Loans',
    ),
  ).toBe('04:01:02.345  #2    TASK     IN_PROGRESS     "Loans"  (developer)');
  expect(formatEvent(at(3, { type: 'task.changed', taskId: TASK, status: 'DONE', reason: '' }))).toBe(
    `04:01:02.345  #3    TASK     DONE            ${TASK}`,
  );
  expect(formatEvent(at(14, { type: 'run.usage', totalTokens: 123456, costUsd: 0.01234 }))).toBe(
    '04:01:02.345  #14   USAGE    123,456 tokens  $0.0123 so far',
  );
  expect(formatEvent(at(15, { type: 'run.warning', code: 'BUDGET', message: 'at 80%' }))).toBe(
    '04:01:02.345  #15   WARNING  BUDGET          at 80%',
  );
});

test('a comment shows its author and the first line of its body, bounded and without control characters', () => {
  const line = formatEvent(
    at(4, {
      type: 'comment.created',
      taskId: TASK,
      commentId: TASK,
      commentType: 'PROGRESS',
      authorRole: 'developer',
      agentId: 'agent-developer-1',
      body: `\n  Implemented the loan rules\u001b[31m ${'x'.repeat(200)}\nsecond line`,
    }),
    'Loans',
  );
  expect(
    line.startsWith(
      '04:01:02.345  #4    COMMENT  PROGRESS        [developer/agent-developer-1] on "Loans": Implemented the loan rules',
    ),
  ).toBe(true);
  expect(line).not.toContain('\u001b');
  expect(line).not.toContain('second line');
  expect(line.endsWith('…')).toBe(true);
});
