import { AgentJob, AgentResult, resultAbout, validateContract } from '@shipyard/contracts';
import type { DeadLetterEnvelope } from '@shipyard/shared/jetstream';

/** Header marking a result that already came back once from the dead-letter stream. */
export const REVIVED_HEADER = 'shipyard-revived';

/** What the orchestrator does with one dead letter. */
export type DeadLetterAction =
  /** A dead job: its failed result, so the graph fails the task (and the run) with the dead letter's reason. */
  | { kind: 'fail-job'; result: AgentResult }
  /**
   * A valid result whose delivery attempts ran out (the database was down, its run's owner kept changing):
   * the agent did the work, and its run waits for exactly this. It goes back to the results stream once.
   */
  | { kind: 'revive-result'; result: AgentResult }
  /** Anything else stays in the dead-letter stream for people to inspect. */
  | { kind: 'keep' };

const JOB_SUBJECT = /(^|\.)agent\.v1\.job\.[a-z0-9-]+$/;
const RESULT_SUBJECT = /(^|\.)agent\.v1\.result\.[a-z0-9-]+$/;

/**
 * Decides a dead letter's fate. Results are revived only when they were given up on for lack of attempts
 * (`exhausted`) and never before: a result the intake refused (`invalid_payload`, `rejected`) would be
 * refused again, and one that died twice is a poison result, not bad luck.
 */
export function deadLetterAction(envelope: DeadLetterEnvelope): DeadLetterAction {
  const subject = envelope.originalSubject;
  if (JOB_SUBJECT.test(subject)) {
    const job = validOrNull(AgentJob, envelope.payload);
    return job ? { kind: 'fail-job', result: failedResultOf(job, envelope) } : { kind: 'keep' };
  }
  const revived = REVIVED_HEADER in envelope.headers;
  if (RESULT_SUBJECT.test(subject) && envelope.kind === 'exhausted' && !revived) {
    const result = validOrNull(AgentResult, envelope.payload);
    return result ? { kind: 'revive-result', result } : { kind: 'keep' };
  }
  return { kind: 'keep' };
}

function failedResultOf(job: AgentJob, envelope: DeadLetterEnvelope): AgentResult {
  const reason = `job dead-lettered (${envelope.kind}) after ${envelope.deliveryCount} deliveries: ${envelope.reason}`;
  return {
    ...resultAbout(job),
    agentId: 'dead-letter',
    status: 'failed',
    output: {},
    usage: [],
    comments: [],
    failure: { message: reason.slice(0, 5000), retryable: false },
    finishedAt: envelope.deadLetteredAt,
  };
}

function validOrNull<T extends object>(contract: new () => T, payload: unknown): T | null {
  try {
    return validateContract(contract, payload);
  } catch {
    return null;
  }
}
