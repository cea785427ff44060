import { NodeNames, type NodeName } from './node-names';

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

/**
 * How a run's graph is invoked: one thread per run, an explicit recursion limit, and a durability:
 * - `sync` (the default): a checkpoint after every super-step, each written before the next begins, for a
 *   caller whose invoke is not itself atomic (tests, the in-process baseline);
 * - `exit`: one checkpoint when the invoke stops (at the next wait, or the end). The orchestrator invokes
 *   inside one transaction with every other write of the step, so a crash keeps all of the invoke or none
 *   of it and the super-steps' own checkpoints would only be written to be superseded (measured: 1.7
 *   checkpoints of ~9 KB per agent step, each serialised and written twice: as a blob and as a write).
 */
export function runInvokeConfig(runId: string, durability: 'sync' | 'exit' = 'sync') {
  return {
    configurable: { thread_id: runId },
    durability,
    recursionLimit: RECURSION_LIMIT,
  };
}

/**
 * The nodes that wait for results: every node built on `runCycle`. `invokeUntilWait` stops the graph before
 * them, so a pass that would only reach `interrupt()` is not run (see `NextPass` in state.ts).
 */
export const WAITING_NODES: NodeName[] = [
  NodeNames.pmAnalyzeRequirements,
  NodeNames.pmCreateTasks,
  NodeNames.bootstrapRepo,
  NodeNames.devWorkCycle,
  NodeNames.securityScanCycle,
  NodeNames.docsFinalize,
  NodeNames.devopsPrepare,
];
