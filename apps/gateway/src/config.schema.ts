import {
  BaseServiceConfig,
  IntSetting,
  RedisKeyPrefixSetting,
  RedisUrlSetting,
} from '@shipyard/shared/config';

/** The gateway's environment: the HTTP edge on top of what every service reads. */
export class GatewayConfig extends BaseServiceConfig {
  @IntSetting(0, 65_535)
  GATEWAY_PORT = 3000;

  /** Bodies above this are refused with 413 before they are parsed, so a huge upload cannot tie up memory. */
  @IntSetting(1024, 64 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /**
   * How long an API request waits for the service that owns it; past that the client gets 503 rather than
   * a hanging connection. Separate from NATS_REQUEST_TIMEOUT_MS (key checks, health) because a write may
   * legitimately take longer than a lookup.
   */
  @IntSetting(100, 120_000)
  GATEWAY_REQUEST_TIMEOUT_MS = 10_000;

  /**
   * The NATS server's max_payload (1 MiB unless its config raises it). Requests that would not fit are
   * answered 413 at the gateway instead of failing on the wire; keep it equal to the server's setting.
   */
  @IntSetting(64 * 1024, 64 * 1024 * 1024)
  NATS_MAX_PAYLOAD_BYTES = 1024 * 1024;

  /** How long a verified API key is trusted without asking project-service again; 0 turns the cache off. */
  @IntSetting(0, 300_000)
  API_KEY_CACHE_TTL_MS = 30_000;

  /** Where the run event streams are: project-service relays run events there, the gateway reads them. */
  @RedisUrlSetting()
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prepended to every Redis key; must equal project-service's. */
  @RedisKeyPrefixSetting()
  REDIS_KEY_PREFIX = '';

  /**
   * An event stream sends a comment this often when nothing happens, so proxies and clients do not take
   * an idle stream for a dead one; also how long one blocking Redis read waits.
   */
  @IntSetting(1000, 120_000)
  SSE_HEARTBEAT_MS = 15_000;

  /** Event streams this replica serves at once (each holds a Redis connection); past it, 503. */
  @IntSetting(1, 100_000)
  SSE_MAX_STREAMS = 1000;
}
