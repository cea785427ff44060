/**
 * The run workflow, as the orchestrator service uses it:
 * - start: `graph.invoke(runStart, runInvokeConfig(runId))`;
 * - when the invoke returns `__interrupt__[0].value` (a WaitPayload), the run waits: checkpointed, nothing
 *   in memory; `paused` set means show it as PAUSED; nudge it at `deadlineAt`;
 * - resume once per arriving result: `graph.invoke(new Command({ resume: agentResult }), runInvokeConfig(runId))`;
 * - after a RunControl change (pause, resume, stop, budget raised) or at the deadline:
 *   `new Command({ resume: { wake: 'control' } })`;
 * - never two invokes of one thread at a time (one orchestrator owns a run);
 * - an invoke that returns without `__interrupt__` has finished: `final_decision` wrote the report.
 */
export { buildRunGraph, type RunGraph } from './graph';
export { RECURSION_LIMIT, runInvokeConfig } from './invoke-config';
export { NodeNames, type NodeName } from './node-names';
export type { RunStart, RunState } from './state';
export type { ControlWake, ResumeValue, WaitPayload } from './steps/wake';
