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

  /**
   * Failed API key checks one client address may make per AUTH_FAILURE_WINDOW_MS, counted in Redis across
   * replicas; past it the client gets 429 with Retry-After and no lookup is made. 0 turns the limit off.
   */
  @IntSetting(0, 1_000_000)
  AUTH_FAILURE_LIMIT = 20;

  @IntSetting(1000, 86_400_000)
  AUTH_FAILURE_WINDOW_MS = 60_000;

  /**
   * Proxies in front of the gateway whose X-Forwarded-For it believes (Express's `trust proxy` hop count).
   * 0: the client address is the TCP peer. Behind an ingress, set it to the number of proxies, or every
   * client shares the ingress's address and one guesser locks all of them out.
   */
  @IntSetting(0, 10)
  TRUST_PROXY_HOPS = 0;

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
