import type { RunStatus } from '../enums';

/** What a user can ask of a run (`run.v1.pause|resume|stop`); project-service judges whether it may. */
export type RunCommand = 'pause' | 'resume' | 'stop';

/**
 * Where a command leads. Resume returns a run to RUNNING only if it had started; otherwise to QUEUED.
 * Here rather than in projects' domain so that the orchestrator's specs issue a command exactly as
 * project-service does (scopes may share contracts, not each other's domain).
 */
export function runCommandTarget(command: RunCommand, run: { startedAt: string | null }): RunStatus {
  switch (command) {
    case 'pause':
      return 'PAUSED';
    case 'resume':
      return run.startedAt ? 'RUNNING' : 'QUEUED';
    case 'stop':
      return 'STOPPED_USER';
  }
}
