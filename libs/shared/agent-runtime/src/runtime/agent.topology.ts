import { JetStreamApiCodes, JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import { millis, nanos } from '@nats-io/transport-node';
import type { AgentRole } from '@shipyard/contracts';
import { ensureJobStreams, jobConsumerName, jobStreamNames } from '@shipyard/shared/jetstream';
import type { Logger } from 'pino';

export interface AgentTopology {
  stream: string;
  consumer: string;
}

/**
 * Makes sure the role's job consumer exists with this agent's AckWait and attempts, touching nothing else
 * when the topology is already there. Why not always ensureJobStreams: it also rewrites the results and
 * dead-letter consumers with the caller's AckWait, which belong to the orchestrator; seven agents
 * restarting would keep resetting them to the agents' setting. So the full ensure runs only when this
 * role's consumer is missing (first start on a fresh server), and a changed setting updates just it.
 */
export async function ensureAgentTopology(
  jsm: JetStreamManager,
  options: { prefix: string; role: AgentRole; ackWaitMs: number; maxAttempts: number; logger: Logger },
): Promise<AgentTopology> {
  const { prefix, role, ackWaitMs, maxAttempts, logger } = options;
  const stream = jobStreamNames(prefix).jobs;
  const consumer = jobConsumerName(role);
  let config;
  try {
    ({ config } = await jsm.consumers.info(stream, consumer));
  } catch (error) {
    if (!isMissing(error)) throw error;
    await ensureJobStreams(jsm, { prefix, roles: [role], ackWaitMs, maxAttempts });
    return { stream, consumer };
  }
  // As ensureJobStreams sets it: one delivery more than the attempts, reserved for dead-lettering.
  const maxDeliver = maxAttempts + 1;
  const was = { ackWaitMs: millis(config.ack_wait ?? 0), maxDeliver: config.max_deliver };
  if (was.ackWaitMs !== ackWaitMs || was.maxDeliver !== maxDeliver) {
    logger.info(
      { consumer, ackWaitMs, maxDeliver, was },
      'updating the job consumer to this agent’s settings',
    );
    await jsm.consumers.update(stream, consumer, { ack_wait: nanos(ackWaitMs), max_deliver: maxDeliver });
  }
  return { stream, consumer };
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof JetStreamApiError &&
    (error.code === JetStreamApiCodes.ConsumerNotFound || error.code === JetStreamApiCodes.StreamNotFound)
  );
}
