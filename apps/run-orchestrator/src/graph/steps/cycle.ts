import type { AgentJob, AgentResult, AgentRole, JobKind } from '@shipyard/contracts';
import type { UsageAmount } from '../../ports/ledger.port';
import type { RunPorts } from '../../ports/run-ports';
import type { NodeName, Phase } from '../node-names';
import { jobIdFor } from '../job-id';
import { add, budgetGate } from '../routes/budget-gate.route';
import { covers, heldBy, jobAllowance, scaledSizing, scaleFor } from '../routes/job-allowance.route';
import { holdRelease } from '../routes/hold-release.route';
import { runBoundary } from '../routes/run-boundary.route';
import type { PendingJob, RunState, RunUpdate } from '../state';
import { retryWithLargerAllowance } from './allowance-exhausted';
import { emitWarning } from './emit';
import { beginHold, endHold } from './hold';
import { enterPhase } from './phases';
import { StateDraft } from './state-draft';
import { waitForWake } from './wake';

/** A job a cycle wants sent. Everything but `input` is derived from the state alone. */
export interface JobRequest {
  node: NodeName;
  role: AgentRole;
  kind: JobKind;
  taskId: string | null;
  attempt: number;
  /** Built only when the job is actually sent (it may read the task store). */
  input: () => Promise<Record<string, unknown>>;
  /** Records in the draft that the job left (bumps the attempt counter it came from). */
  onSent: (draft: StateDraft) => void;
  /** Side effects of the job leaving (e.g. the task shows IN_PROGRESS); idempotent, as a re-run repeats them. */
  afterSend?: () => Promise<void>;
}

/** What distinguishes one node's cycle from another's; the waiting, gating and dispatch are shared. */
export interface CycleSpec {
  phase: Phase;
  /** Results of jobs sent by these nodes are applied here. */
  owns: readonly NodeName[];
  /** Jobs to send now. Pure: the decision to wait must come out the same when the node re-runs. */
  jobsToSend(state: RunState): JobRequest[];
  /** Applies the result of one of `owns`' pending jobs (already removed from `pending`). */
  apply(draft: StateDraft, job: PendingJob, result: AgentResult): Promise<void>;
  /** Nothing left for this node: the router moves on. */
  isComplete(state: RunState): boolean;
}

/**
 * One pass of a node: wait for the next result if there is nothing to send, apply it, then (at the node
 * boundary) honour stop, deadline and pause and send whatever became ready, through the budget gate.
 *
 * Why the wait comes first and the sending last: everything before `interrupt()` runs again on resume, so
 * only pure reads of the state happen there. Sending happens after the result is applied, in the same
 * super-step, and the new pending jobs are checkpointed with it; a re-run after a crash recomputes the same
 * job ids and the dispatcher drops the repeats.
 */
export async function runCycle(state: RunState, ports: RunPorts, spec: CycleSpec): Promise<RunUpdate> {
  const draft = new StateDraft(state);
  if (mustWait(state, spec)) {
    const wake = waitForWake(state);
    if (wake.type === 'result') await receive(draft, ports, spec, wake.result);
  }
  await act(draft, ports, spec);
  markNextPass(draft, spec);
  return draft.update();
}

/**
 * Records whether the next pass of this spec's nodes would only wait (`mustWait` on the state this pass
 * leaves). Every router out of a pass that calls this either comes back to a node of the same spec, goes to
 * one that computes it again (lead/qa, final_decision), or, with nothing of this spec left pending, to the
 * next phase, where `works` is right unless a hold makes every node wait anyway.
 */
export function markNextPass(draft: StateDraft, spec: CycleSpec): void {
  draft.set('nextPass', mustWait(draft.view(), spec) ? 'waits' : 'works');
}

export function mustWait(state: RunState, spec: CycleSpec): boolean {
  if (state.outcome) return false;
  if (state.hold) return true;
  const waiting = Object.values(state.pending).some((job) => spec.owns.includes(job.node));
  return waiting && (state.budget.awaitingRoom === true || spec.jobsToSend(state).length === 0);
}

async function receive(
  draft: StateDraft,
  ports: RunPorts,
  spec: CycleSpec,
  result: AgentResult,
): Promise<void> {
  const state = draft.view();
  // Whatever the graph makes of it, the tokens were spent; the ledger counts each jobId once.
  if (result.runId === state.run.runId) await ports.ledger.record(result);
  const job = state.pending[result.jobId];
  if (!job || result.runId !== state.run.runId || !spec.owns.includes(job.node)) {
    draft.set('ignoredResults', state.ignoredResults + 1);
    await emitWarning(
      ports,
      state,
      'RESULT_IGNORED',
      `result for job ${result.jobId} was not expected (duplicate, stale attempt or late)`,
      result.jobId,
    );
    return;
  }
  const { [result.jobId]: _done, ...stillPending } = state.pending;
  draft.set('pending', stillPending);
  draft.set('usage', await ports.ledger.totals(state.run.runId));
  if (await retryWithLargerAllowance(draft, ports, job, result)) return;
  await spec.apply(draft, job, result);
}

/** The node boundary: stop and deadline, holds, then sending through the budget gate. */
export async function act(draft: StateDraft, ports: RunPorts, spec: CycleSpec): Promise<void> {
  if (draft.get('outcome')) return;
  const state = draft.view();
  const now = ports.clock.now();
  const control = await ports.control.read(state.run.runId);
  const budget = control.budget ?? state.config.budget;
  if (!state.hold) enterPhase(draft, spec.phase, now);

  const boundary = runBoundary({
    control,
    now,
    startedAt: state.startedAt,
    deadlineMinutes: state.config.deadlineMinutes,
  });
  if (boundary.action === 'stop') {
    draft.set('outcome', { status: boundary.status, reason: boundary.reason });
    return;
  }
  if (spec.isComplete(draft.view())) return;

  const hold = draft.get('hold');
  if (hold) {
    const release = holdRelease(hold, control, budget);
    if (release.action === 'keep') return;
    await endHold(draft, ports, hold, release.waiveBudget, spec.phase, now);
  }
  if (boundary.action === 'pause') {
    await beginHold(draft, ports, { reason: 'user', detail: boundary.reason }, control, budget, now);
    return;
  }

  const requests = spec.jobsToSend(draft.view());
  if (requests.length === 0) {
    const waiting = Object.values(draft.get('pending')).some((job) => spec.owns.includes(job.node));
    if (!waiting && !draft.get('inbox')) {
      // Nothing in flight, nothing to send, not complete: no result can ever arrive to move this on.
      draft.set('outcome', { status: 'FAILED', reason: `${spec.owns[0] ?? 'a node'} cannot make progress` });
    }
    return;
  }

  const totals = await ports.ledger.totals(state.run.runId);
  draft.set('usage', totals);
  if (draft.get('budget').awaitingRoom) draft.set('budget', { ...draft.get('budget'), awaitingRoom: false });
  const pendingJobs = Object.values(draft.get('pending'));
  // Expected: what the jobs in flight will probably spend; held: what they may spend (their allowances).
  let expected = pendingJobs.reduce<UsageAmount>((sum, job) => add(sum, job.estimate), NOTHING);
  let held = pendingJobs.reduce<UsageAmount>((sum, job) => add(sum, heldBy(job)), NOTHING);
  for (const request of requests) {
    const model = state.config.roles[request.role];
    const input = await request.input();
    const sizing = scaledSizing(
      await ports.ledger.estimate({
        role: request.role,
        kind: request.kind,
        model,
        inputChars: JSON.stringify(input).length,
      }),
      scaleFor(draft.get('budget').scales, request.kind),
    );
    const estimate = sizing.expected;
    const waived = draft.get('budget').waived;
    const gate = budgetGate({ budget, spent: totals, inFlight: expected, estimate, waived });
    if (gate.action === 'stop') {
      draft.set('outcome', { status: 'STOPPED_BUDGET', reason: gate.reason });
      return;
    }
    if (gate.action === 'pause') {
      await beginHold(draft, ports, { reason: 'budget', detail: gate.reason }, control, budget, now);
      return;
    }
    if (gate.action === 'warn' && !draft.get('budget').warned) {
      draft.set('budget', { ...draft.get('budget'), warned: true });
      await emitWarning(ports, state, 'BUDGET_EXCEEDED', gate.reason, 'first');
    }
    const allowance = jobAllowance({ budget, spent: totals, inFlight: held, sizing, waived });
    if (allowance && !covers(allowance, estimate)) {
      // The budget can pay for the job, but the allowances of jobs in flight hold the room it needs: it
      // waits for one of them to come back with what it did not spend.
      draft.set('budget', { ...draft.get('budget'), awaitingRoom: true });
      return;
    }
    const jobId = jobIdFor(state.run.runId, request.node, request.taskId, request.attempt);
    const job: AgentJob = {
      jobId,
      tenantId: state.run.tenantId,
      runId: state.run.runId,
      ...(request.taskId === null ? {} : { taskId: request.taskId }),
      role: request.role,
      kind: request.kind,
      attempt: request.attempt,
      model,
      input,
      ...(allowance ? { allowance } : {}),
      ...(state.run.requestId === undefined ? {} : { requestId: state.run.requestId }),
      dispatchedAt: now.toISOString(),
    };
    await ports.dispatcher.dispatch(job);
    const pending: PendingJob = {
      jobId,
      node: request.node,
      role: request.role,
      kind: request.kind,
      taskId: request.taskId,
      attempt: request.attempt,
      estimate,
      allowance,
    };
    draft.set('pending', { ...draft.get('pending'), [jobId]: pending });
    request.onSent(draft);
    await request.afterSend?.();
    expected = add(expected, estimate);
    held = add(held, heldBy(pending));
  }
}

const NOTHING: UsageAmount = { tokens: 0, costUsd: 0 };
