/**
 * The run workflow, as the orchestrator service uses it:
 * - start: `invokeUntilWait(graph, runStart, runInvokeConfig(runId))`;
 * - when that returns a WaitPayload, the run waits: checkpointed, nothing in memory; `paused` set means
 *   show it as PAUSED; nudge it at `deadlineAt`;
 * - resume once per arriving result: `invokeUntilWait(graph, new Command({ resume: agentResult }), ...)`;
 * - after a RunControl change (pause, resume, stop, budget raised) or at the deadline:
 *   `new Command({ resume: { wake: 'control' } })`;
 * - never two invokes of one thread at a time (one orchestrator owns a run);
 * - null means the run finished: `final_decision` wrote the report.
 */
export { buildRunGraph, type RunGraph } from './graph';
export { RECURSION_LIMIT, runInvokeConfig, WAITING_NODES } from './invoke-config';
export { invokeUntilWait, isWaiting } from './invoke-until-wait';
export { NodeNames, type NodeName } from './node-names';
export type { RunStart, RunState } from './state';
export type { ControlWake, ResumeValue, WaitPayload } from './steps/wake';
