import type { RunState, TaskState } from '../state';
import { buildFinalReport } from './build-final-report';

const task = (id: string, stage: TaskState['stage'], extra: Partial<TaskState> = {}): TaskState => ({
  id,
  key: id.toUpperCase(),
  title: `Task ${id}`,
  parentId: null,
  dependsOn: [],
  leaf: true,
  stage,
  jobs: 3,
  reviewIterations: 1,
  fixCycles: 0,
  failedJobs: 0,
  artifact: null,
  openFindings: [],
  reason: null,
  ...extra,
});

const state = (tasks: TaskState[]): Parameters<typeof buildFinalReport>[0] => ({
  run: { runId: 'r1', tenantId: 't1' },
  tasks: Object.fromEntries(tasks.map((t) => [t.id, t])),
  taskOrder: tasks.map((t) => t.id),
  security: {
    fixCycles: 1,
    stage: 'passed',
    findings: [{ severity: 'low', message: 'verbose errors' }],
    blocking: [],
  },
  phases: [
    { phase: 'analysis', startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:02.000Z' },
    { phase: 'tasks', startedAt: '2026-01-01T00:00:02.000Z', endedAt: null },
  ] satisfies RunState['phases'],
  startedAt: '2026-01-01T00:00:00.000Z',
  ignoredResults: 2,
});
const usage = {
  tokens: 900,
  costUsd: 0.5,
  byRole: { developer: { tokens: 600, costUsd: 0.3 }, lead: { tokens: 300, costUsd: 0.2 } },
};
const finishedAt = new Date('2026-01-01T00:00:10.000Z');

describe('buildFinalReport', () => {
  it('reports outcome, tasks, usage per role, cycles, findings and phase times', () => {
    const report = buildFinalReport(
      state([task('a', 'done', { reviewIterations: 2, fixCycles: 1 }), task('b', 'done')]),
      { status: 'COMPLETED', reason: 'all good' },
      usage,
      finishedAt,
    );
    expect(report).toEqual({
      runId: 'r1',
      outcome: 'COMPLETED',
      reason: 'all good',
      tasks: [
        {
          taskId: 'a',
          key: 'A',
          title: 'Task a',
          status: 'DONE',
          reviewIterations: 2,
          fixCycles: 1,
          reason: null,
        },
        {
          taskId: 'b',
          key: 'B',
          title: 'Task b',
          status: 'DONE',
          reviewIterations: 1,
          fixCycles: 0,
          reason: null,
        },
      ],
      usage,
      reviewIterations: 3,
      fixCycles: 1,
      securityFixCycles: 1,
      securityFindings: [{ severity: 'low', rule: 'unspecified', message: 'verbose errors' }],
      phases: [
        {
          phase: 'analysis',
          startedAt: '2026-01-01T00:00:00.000Z',
          endedAt: '2026-01-01T00:00:02.000Z',
          ms: 2000,
        },
        {
          phase: 'tasks',
          startedAt: '2026-01-01T00:00:02.000Z',
          endedAt: '2026-01-01T00:00:10.000Z',
          ms: 8000,
        },
      ],
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:10.000Z',
      ignoredResults: 2,
    });
  });

  it('reports tasks a stopped run left unfinished as CANCELLED and keeps a failed task with its reason', () => {
    const report = buildFinalReport(
      state([task('a', 'failed', { reason: 'review rejected' }), task('b', 'review'), task('c', 'done')]),
      { status: 'FAILED', reason: 'task A failed' },
      usage,
      finishedAt,
    );
    expect(report.tasks.map((t) => [t.status, t.reason])).toEqual([
      ['FAILED', 'review rejected'],
      ['CANCELLED', null],
      ['DONE', null],
    ]);
  });
});
