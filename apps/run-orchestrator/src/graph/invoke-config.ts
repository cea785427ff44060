/**
 * Super-steps one invocation may take. LangGraph counts the recursion limit per invoke, not per run, and
 * every invoke of this graph ends at the run's next wait. The longest path from a resume to the next
 * interrupt is three steps (scheduler applies a verdict -> lead/qa node applies it and sends -> scheduler
 * waits; or last QA -> security sends -> security waits), plus one loop when a hold ends or a job is retried.
 * That bound does not grow with the plan: a run of 200 tasks needs no more per wake than a run of one.
 * The margin turns a routing bug into a GraphRecursionError instead of a silent spin.
 */
export const STEPS_PER_WAKE = 4;
export const RECURSION_LIMIT = STEPS_PER_WAKE * 3;

/** How the service invokes the graph: one thread per run, synchronous checkpoints, explicit recursion limit. */
export function runInvokeConfig(runId: string) {
  return {
    configurable: { thread_id: runId },
    durability: 'sync' as const,
    recursionLimit: RECURSION_LIMIT,
  };
}
