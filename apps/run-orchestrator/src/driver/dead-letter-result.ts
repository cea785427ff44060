import { AgentJob, validateContract, type AgentResult } from '@shipyard/contracts';
import type { DeadLetterEnvelope } from '@shipyard/shared/jetstream';

/**
 * A dead-lettered JOB becomes the failed, non-retryable result of that job, with the dead letter's reason,
 * so the graph fails its task (and the run, by its routing) for that reason. Dead-lettered RESULTS and
 * anything that is not a valid job give null: they stay in the dead-letter stream for people to inspect.
 */
export function deadLetterToResult(envelope: DeadLetterEnvelope): AgentResult | null {
  if (!/(^|\.)agent\.v1\.job\.[a-z0-9-]+$/.test(envelope.originalSubject ?? '')) return null;
  let job: AgentJob;
  try {
    job = validateContract(AgentJob, envelope.payload);
  } catch {
    return null;
  }
  const reason = `job dead-lettered (${envelope.kind}) after ${envelope.deliveryCount} deliveries: ${envelope.reason}`;
  return {
    jobId: job.jobId,
    tenantId: job.tenantId,
    runId: job.runId,
    ...(job.taskId === undefined ? {} : { taskId: job.taskId }),
    role: job.role,
    kind: job.kind,
    agentId: 'dead-letter',
    status: 'failed',
    output: {},
    usage: [],
    comments: [],
    failure: { message: reason.slice(0, 5000), retryable: false },
    finishedAt: envelope.deadLetteredAt,
  };
}
