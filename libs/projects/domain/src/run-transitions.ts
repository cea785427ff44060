import { DomainError, type RunCommand, type RunStatus } from '@shipyard/contracts';

export { runCommandTarget, type RunCommand } from '@shipyard/contracts';

/**
 * Statuses a user command may start from. Repositories use them in `UPDATE ... WHERE status IN (...)`, so
 * the check and the change are one atomic step and two concurrent commands cannot both win.
 */
export const RunCommandSources: Record<RunCommand, readonly RunStatus[]> = {
  pause: ['QUEUED', 'RUNNING'],
  resume: ['PAUSED'],
  stop: ['QUEUED', 'RUNNING', 'PAUSED'],
};

export function canApplyRunCommand(command: RunCommand, status: RunStatus): boolean {
  return RunCommandSources[command].includes(status);
}

/** The 409 a refused command answers with. */
export function invalidRunTransition(command: RunCommand, status: RunStatus): DomainError {
  return new DomainError('INVALID_STATE_TRANSITION', `Cannot ${command} a run that is ${status}`, {
    command,
    status,
    allowedFrom: [...RunCommandSources[command]],
  });
}
