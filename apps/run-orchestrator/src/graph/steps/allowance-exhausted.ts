import type { AgentResult } from '@shipyard/contracts';
import type { RunPorts } from '../../ports/run-ports';
import type { PendingJob } from '../state';
import { scaleFor } from '../routes/job-allowance.route';
import { emitWarning } from './emit';
import type { StateDraft } from './state-draft';

/** How far a kind's estimate may grow by doubling (2^6) before a job stopped at its allowance is a failure. */
export const MAX_ALLOWANCE_SCALE = 64;

/**
 * A job that stopped at its allowance is not a failure of its task: its kind needs more than estimated. The
 * kind's estimate doubles and the result is not applied, so the cycle sends the job again as a new attempt,
 * through the budget gate: with a larger allowance if the budget has room, otherwise the run stops or
 * pauses on its budget. Returns false when the result is anything else, or when the kind's estimate has
 * already grown as far as it may; the cycle then applies it as an ordinary failure.
 */
export async function retryWithLargerAllowance(
  draft: StateDraft,
  ports: RunPorts,
  job: PendingJob,
  result: AgentResult,
): Promise<boolean> {
  if (result.status !== 'failed' || result.failure?.code !== 'ALLOWANCE_EXHAUSTED') return false;
  const budget = draft.get('budget');
  const scale = scaleFor(budget.scales, job.kind);
  if (scale >= MAX_ALLOWANCE_SCALE) return false;
  draft.set('budget', { ...budget, scales: { ...budget.scales, [job.kind]: scale * 2 } });
  const allowance = job.allowance ? `${job.allowance.tokens} tokens / $${job.allowance.costUsd}` : 'none';
  await emitWarning(
    ports,
    draft.view(),
    'ALLOWANCE_EXHAUSTED',
    `${job.kind} job ${job.jobId} stopped at its allowance (${allowance}); ${job.kind} jobs are now ` +
      `estimated at ${scale * 2} times the configured figure, and this one is sent again if the budget has room`,
    job.jobId,
  );
  return true;
}
