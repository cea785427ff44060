/**
 * Real: NATS JetStream on the spec's own prefixes (streams created and deleted here). Faked: nothing.
 */
import { nanos } from '@nats-io/transport-node';
import { pino } from 'pino';
import { ensureJobStreams, jobStreamNames } from '@shipyard/shared/jetstream';
import { AgentRuntimeHarness } from '../testing';
import { ensureAgentTopology } from './agent.topology';

const logger = pino({ level: 'silent' });

describe('ensureAgentTopology', () => {
  let harness: AgentRuntimeHarness;

  beforeEach(async () => {
    harness = await AgentRuntimeHarness.create();
  });

  afterEach(async () => {
    await harness.cleanup();
  });

  it('creates the streams and the role consumer on a fresh server', async () => {
    const topology = await ensureAgentTopology(harness.jsm, {
      prefix: harness.prefix,
      role: 'qa',
      ackWaitMs: 4000,
      maxAttempts: 3,
      logger,
    });
    expect(topology).toEqual({ stream: jobStreamNames(harness.prefix).jobs, consumer: 'job-qa' });
    const { config } = await harness.jsm.consumers.info(topology.stream, 'job-qa');
    expect(config).toMatchObject({ ack_wait: nanos(4000), max_deliver: 4 });
    await expect(harness.jsm.streams.info(jobStreamNames(harness.prefix).results)).resolves.toBeTruthy();
  });

  it('updates only its own consumer when the topology exists, leaving the orchestrator’s consumers alone', async () => {
    // The orchestrator's settings: a long AckWait for applying results.
    await ensureJobStreams(harness.jsm, { prefix: harness.prefix, ackWaitMs: 60_000, maxAttempts: 5 });
    const names = jobStreamNames(harness.prefix);

    await ensureAgentTopology(harness.jsm, {
      prefix: harness.prefix,
      role: 'qa',
      ackWaitMs: 2000,
      maxAttempts: 2,
      logger,
    });

    expect((await harness.jsm.consumers.info(names.jobs, 'job-qa')).config).toMatchObject({
      ack_wait: nanos(2000),
      max_deliver: 3,
    });
    expect((await harness.jsm.consumers.info(names.jobs, 'job-pm')).config.ack_wait).toBe(nanos(60_000));
    expect((await harness.jsm.consumers.info(names.results, 'results')).config).toMatchObject({
      ack_wait: nanos(60_000),
      max_deliver: 6,
    });
  });
});
