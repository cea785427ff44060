import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

/**
 * Streams (and KV buckets, which are streams named KV_<bucket>) made under a test's NATS prefix
 * (`t<12 hex>.`, see testNatsPrefix): jobs/results/dead-letter streams start with the prefix, agent result
 * buckets embed it. A file that crashed or forgot its cleanup leaves them on the shared NATS server.
 */
const TEST_STREAM = /^(?:KV_agent-results-)?t[0-9a-f]{12}[-_]/;

/**
 * Deletes test streams older than `minAgeMs`: only old ones, because another test run may be using young
 * ones on this server right now. Best effort: a NATS that does not answer is the tests' problem to report.
 */
export async function deleteStaleTestStreams(natsUrl: string, minAgeMs: number): Promise<number> {
  const nc = await connect({ servers: natsUrl, timeout: 2000 }).catch(() => undefined);
  if (!nc) return 0;
  let deleted = 0;
  try {
    const jsm = await jetstreamManager(nc);
    const cutoff = Date.now() - minAgeMs;
    for await (const stream of jsm.streams.list()) {
      const name = stream.config.name;
      if (!TEST_STREAM.test(name) || Date.parse(stream.created) > cutoff) continue;
      if (await jsm.streams.delete(name).catch(() => false)) deleted += 1;
    }
  } finally {
    await nc.close();
  }
  return deleted;
}
