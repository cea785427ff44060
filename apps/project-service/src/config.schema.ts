import {
  DatabaseServiceConfig,
  IntSetting,
  RedisKeyPrefixSetting,
  RedisUrlSetting,
} from '@shipyard/shared/config';

/** project-service needs NATS and its database, and Redis for relaying run events to the gateways. */
export class ProjectServiceConfig extends DatabaseServiceConfig {
  @RedisUrlSetting()
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prepended to every Redis key; must equal the gateway's, which reads the streams this service writes. */
  @RedisKeyPrefixSetting()
  REDIS_KEY_PREFIX = '';

  /** Approximate number of events a run's Redis stream keeps; older ones are replayed from PostgreSQL. */
  @IntSetting(100, 1_000_000)
  RUN_EVENT_STREAM_MAXLEN = 10_000;

  /** A run's stream expires this long after its last event. */
  @IntSetting(60, 30 * 24 * 3600)
  RUN_EVENT_STREAM_TTL_SECONDS = 24 * 3600;

  /** How often the relay looks for events a lost notification left behind. */
  @IntSetting(100, 600_000)
  RUN_EVENT_SWEEP_INTERVAL_MS = 5000;

  /** Finished runs stay in the sweep this long after they finish. */
  @IntSetting(60, 7 * 24 * 3600)
  RUN_EVENT_SWEEP_LOOKBACK_SECONDS = 3600;
}
