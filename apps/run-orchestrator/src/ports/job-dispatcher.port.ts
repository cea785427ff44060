import type { AgentJob } from '@shipyard/contracts';

/**
 * Sends agent jobs (in production: an outbox row in PostgreSQL, relayed to JetStream).
 * Must be idempotent by `job.jobId`: the graph re-runs a node after a crash or a resume and then asks for
 * the same job again; the second call must not send a second job.
 */
export interface JobDispatcher {
  dispatch(job: AgentJob): Promise<void>;
}
