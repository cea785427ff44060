import type { RunStatus, TaskStatus } from '@shipyard/contracts';
import type { RunWarningEvent } from '../../ports/event-sink.port';
import type { RunPorts } from '../../ports/run-ports';
import type { RunState } from '../state';

/*
 * Event ids are built from the run and what happened (and a counter from the state where the same thing
 * can happen twice), never from time or randomness: a re-run node emits the same ids and the sink keeps one.
 */

export function emitRunStatus(
  ports: RunPorts,
  state: Pick<RunState, 'run'>,
  status: RunStatus,
  reason: string,
  discriminator: string,
): Promise<void> {
  return ports.events.emit({
    type: 'run.status',
    eventId: `${state.run.runId}:status:${status}:${discriminator}`,
    runId: state.run.runId,
    tenantId: state.run.tenantId,
    at: ports.clock.now().toISOString(),
    status,
    reason,
  });
}

export function emitTaskChange(
  ports: RunPorts,
  state: Pick<RunState, 'run'>,
  taskId: string,
  status: TaskStatus,
  reason: string,
  discriminator: string,
): Promise<void> {
  return ports.events.emit({
    type: 'task.changed',
    eventId: `${state.run.runId}:task:${taskId}:${status}:${discriminator}`,
    runId: state.run.runId,
    tenantId: state.run.tenantId,
    at: ports.clock.now().toISOString(),
    taskId,
    status,
    reason,
  });
}

export function emitWarning(
  ports: RunPorts,
  state: Pick<RunState, 'run'>,
  code: RunWarningEvent['code'],
  message: string,
  discriminator: string,
): Promise<void> {
  return ports.events.emit({
    type: 'run.warning',
    eventId: `${state.run.runId}:warning:${code}:${discriminator}`,
    runId: state.run.runId,
    tenantId: state.run.tenantId,
    at: ports.clock.now().toISOString(),
    code,
    message,
  });
}
