import { RunStatuses, type RunStatus } from '@shipyard/contracts';
import {
  canApplyRunCommand,
  invalidRunTransition,
  runCommandTarget,
  type RunCommand,
} from './run-transitions';

describe('run transitions', () => {
  const allowed: Record<RunCommand, RunStatus[]> = {
    pause: ['QUEUED', 'RUNNING'],
    resume: ['PAUSED'],
    stop: ['QUEUED', 'RUNNING', 'PAUSED'],
  };

  it.each(Object.entries(allowed) as [RunCommand, RunStatus[]][])(
    '%s applies only from %j',
    (command, from) => {
      for (const status of RunStatuses)
        expect(canApplyRunCommand(command, status)).toBe(from.includes(status));
    },
  );

  it('leads pause to PAUSED and stop to STOPPED_USER', () => {
    expect(runCommandTarget('pause', { startedAt: null })).toBe('PAUSED');
    expect(runCommandTarget('stop', { startedAt: '2026-01-01T00:00:00.000Z' })).toBe('STOPPED_USER');
  });

  it('resumes to RUNNING only a run that had started', () => {
    expect(runCommandTarget('resume', { startedAt: null })).toBe('QUEUED');
    expect(runCommandTarget('resume', { startedAt: '2026-01-01T00:00:00.000Z' })).toBe('RUNNING');
  });

  it('explains a refused command as INVALID_STATE_TRANSITION', () => {
    expect(invalidRunTransition('resume', 'COMPLETED').toReply()).toEqual({
      code: 'INVALID_STATE_TRANSITION',
      message: 'Cannot resume a run that is COMPLETED',
      retryable: false,
      details: { command: 'resume', status: 'COMPLETED', allowedFrom: ['PAUSED'] },
    });
  });
});
