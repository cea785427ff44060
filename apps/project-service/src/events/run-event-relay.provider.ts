import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { redactUrl } from '@shipyard/shared/observability';
import { RunStatusChanged, type RunEventView } from '@shipyard/contracts';
import { RunEventRelay, type SqlExecutor } from '@shipyard/shared/run-events';
import type { ProjectServiceConfig } from '../config.schema';

/**
 * Runs the relay for as long as the service runs. Redis or the LISTEN connection being down does not stop
 * the service from starting: run events are committed in PostgreSQL either way, readers replay them from
 * there, and the relay's sweep copies them to Redis once it is back.
 */
export class RunEventRelayProvider implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly relay: RunEventRelay;

  constructor(
    db: SqlExecutor,
    databaseUrl: string,
    config: ProjectServiceConfig,
    logger: Logger,
    nats: NatsConnection,
  ) {
    this.redis = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      // Fail a command fast while Redis is away; the sweep retries, so queueing commands buys nothing.
      maxRetriesPerRequest: 1,
      connectionName: 'project-service-run-event-relay',
    });
    let reported = false;
    this.redis.on('error', (error: Error) => {
      // ioredis reports every failed reconnection attempt; one line per outage is enough.
      if (!reported)
        logger.warn({ err: error, redis: redactUrl(config.REDIS_URL) }, 'run event relay: Redis unavailable');
      reported = true;
    });
    this.redis.on('ready', () => {
      reported = false;
    });
    this.relay = new RunEventRelay({
      db,
      databaseUrl,
      redis: this.redis,
      stream: {
        keyPrefix: config.REDIS_KEY_PREFIX,
        maxLen: config.RUN_EVENT_STREAM_MAXLEN,
        ttlSeconds: config.RUN_EVENT_STREAM_TTL_SECONDS,
      },
      sweepIntervalMs: config.RUN_EVENT_SWEEP_INTERVAL_MS,
      sweepLookbackSeconds: config.RUN_EVENT_SWEEP_LOOKBACK_SECONDS,
      logger,
      // Every status transition, whoever made it, passes here once: the one place to announce it on NATS.
      onRelayed: (event) => publishStatusChange(nats, config.NATS_SUBJECT_PREFIX, event, logger),
    });
  }

  onApplicationBootstrap(): void {
    // Not awaited: with Redis down ioredis keeps reconnecting in the background and the relay catches up.
    this.redis.connect().catch(() => undefined);
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    this.redis.disconnect();
  }
}

function publishStatusChange(
  nats: NatsConnection,
  prefix: string,
  event: RunEventView,
  logger: Logger,
): void {
  if (event.data.type !== 'run.status') return;
  const body: RunStatusChanged.Body = {
    runId: event.runId,
    seq: event.seq,
    status: event.data.status,
    reason: event.data.reason,
    at: event.createdAt,
  };
  try {
    nats.publish(`${prefix}${RunStatusChanged.Subject}`, JSON.stringify(body));
  } catch (error) {
    logger.warn({ err: error, runId: event.runId }, 'run status change not announced on NATS');
  }
}
