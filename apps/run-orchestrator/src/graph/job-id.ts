import type { NodeName } from './node-names';

/**
 * A job's idempotency key: `<runId>:<node>:<taskId|->:<attempt>`. Everything in it comes from the
 * checkpointed state, so a node that runs again after a crash or a resume asks for the same id and the
 * dispatcher drops the repeat.
 */
export function jobIdFor(runId: string, node: NodeName, taskId: string | null, attempt: number): string {
  return `${runId}:${node}:${taskId ?? '-'}:${attempt}`;
}
