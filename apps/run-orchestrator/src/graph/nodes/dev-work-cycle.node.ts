import type { RunPorts } from '../../ports/run-ports';
import type { RunState, RunUpdate } from '../state';
import { runCycle } from '../steps/cycle';
import { taskCycle } from '../steps/task-cycle';

/**
 * The task scheduler, and the one place the task phase waits.
 *
 * Several jobs are in flight at once (one per ready task) and their results arrive in any order. The node
 * sends every job that is ready, then interrupts ONCE; the service resumes the thread once per arriving
 * result with `Command({ resume: result })`; the node applies that one result, sends what it unlocked,
 * and loops back to wait again. Why not one interrupting branch per task: interrupts in parallel branches
 * belong to one super-step, which ends only when every branch has its answer, so the fastest worker would
 * wait for the slowest, and resuming would need a map of interrupt ids. Results it does not expect
 * (duplicates, stale attempts) are counted and dropped, since `pending` no longer lists their job id.
 *
 * Developer results are applied here; review and test verdicts go to `lead_review_cycle` and
 * `qa_test_cycle` through the state's inbox, where their routers decide.
 */
export function devWorkCycleNode(ports: RunPorts): (state: RunState) => Promise<RunUpdate> {
  const cycle = taskCycle(ports);
  return (state) => runCycle(state, ports, cycle);
}
