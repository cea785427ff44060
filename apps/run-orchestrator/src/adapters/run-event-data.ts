import type { RunEventData } from '@shipyard/contracts';
import type { RunEvent } from '../ports/event-sink.port';

/** The graph's event as the run's event log stores it (ids and times are the log's own). */
export function toRunEventData(event: RunEvent): RunEventData {
  switch (event.type) {
    case 'run.status':
      return { type: 'run.status', status: event.status, reason: event.reason };
    case 'task.changed':
      return { type: 'task.changed', taskId: event.taskId, status: event.status, reason: event.reason };
    case 'run.warning':
      return { type: 'run.warning', code: event.code, message: event.message };
  }
}
