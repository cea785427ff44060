import type { RunControlState } from '../../ports/run-control.port';
import { deadlineOf, runBoundary } from './run-boundary.route';

const control = (requested: RunControlState['requested']): RunControlState => ({
  requested,
  resumeSeq: 0,
  budget: null,
});
const startedAt = '2026-01-01T00:00:00.000Z';
const before = new Date('2026-01-01T00:59:59.999Z');
const at = new Date('2026-01-01T01:00:00.000Z');

describe('runBoundary', () => {
  it('continues a running run before its deadline', () => {
    expect(runBoundary({ control: control('run'), now: before, startedAt, deadlineMinutes: 60 })).toEqual({
      action: 'continue',
    });
  });

  it('pauses when a user asked for a pause', () => {
    expect(
      runBoundary({ control: control('pause'), now: before, startedAt, deadlineMinutes: 60 }).action,
    ).toBe('pause');
  });

  it('stops with STOPPED_USER when a user asked for a stop, even past the deadline', () => {
    for (const now of [before, at]) {
      expect(runBoundary({ control: control('stop'), now, startedAt, deadlineMinutes: 60 })).toEqual({
        action: 'stop',
        status: 'STOPPED_USER',
        reason: 'stopped by a user',
      });
    }
  });

  it.each(['run', 'pause'] as const)(
    'stops with STOPPED_TIMEOUT at the deadline (requested=%s)',
    (requested) => {
      expect(runBoundary({ control: control(requested), now: at, startedAt, deadlineMinutes: 60 })).toEqual({
        action: 'stop',
        status: 'STOPPED_TIMEOUT',
        reason: 'run deadline of 60 min passed at 2026-01-01T01:00:00.000Z',
      });
    },
  );

  it('computes the deadline from the start', () => {
    expect(deadlineOf(startedAt, 90).toISOString()).toBe('2026-01-01T01:30:00.000Z');
  });
});
