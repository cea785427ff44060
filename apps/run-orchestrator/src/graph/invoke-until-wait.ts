import type { Command, StateSnapshot } from '@langchain/langgraph';
import type { RunGraph } from './graph';
import { WAITING_NODES, type runInvokeConfig } from './invoke-config';
import { flattenState, type RunChannels, type RunStart } from './state';
import { waitPayloadOf, type WaitPayload } from './steps/wake';

/**
 * Runs a run's graph up to its next wait, as the service does; null when the run finished. The graph is
 * invoked with `interruptBefore: WAITING_NODES`, so it stops before a waiting node instead of running it
 * only to reach its `interrupt()` (a whole super-step): if that node would only wait (`nextPass`), the wait
 * is read from the state; if it has work to do, the graph goes on at once. A node that interrupts itself
 * (the first invoke after a takeover, or a checkpoint written before `nextPass` existed) is answered as
 * before. Resuming either kind of stop is the same `Command({ resume })`.
 */
export async function invokeUntilWait(
  graph: RunGraph,
  input: RunStart | Command | null,
  config: ReturnType<typeof runInvokeConfig>,
): Promise<WaitPayload | null> {
  const stopping = { ...config, interruptBefore: WAITING_NODES };
  let next = input;
  // A pass that goes on sends something or moves to another node, and a wait is at most a phase change
  // away: the bound turns a routing bug into an error instead of a spin.
  for (let pass = 0; pass <= WAITING_NODES.length; pass += 1) {
    const out = (await graph.invoke(next as never, stopping)) as RunChannels & {
      __interrupt__?: { value: WaitPayload }[];
    };
    const interrupted = out.__interrupt__?.[0]?.value;
    if (interrupted) return interrupted;
    const state = flattenState(out);
    if (state.nextPass === 'ended') return null;
    if (state.nextPass === 'waits') return waitPayloadOf(state);
    next = null;
  }
  throw new Error(
    `run ${config.configurable.thread_id}: the graph kept stopping before nodes with work to do`,
  );
}

/**
 * Whether a checkpointed run is waiting (interrupted in a node, or stopped before one whose next pass only
 * waits), so that the service resumes it with a wake rather than with no input: only a wake makes the
 * waiting node look at RunControl and the clock.
 */
export function isWaiting(snapshot: StateSnapshot): boolean {
  return (
    snapshot.tasks.some((task) => task.interrupts.length > 0) ||
    (snapshot.values as Partial<RunChannels>).progress?.nextPass === 'waits'
  );
}
