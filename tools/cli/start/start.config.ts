import { IsIn } from 'class-validator';
import { DatabaseServiceConfig, IntSetting, RedisUrlSetting } from '@shipyard/shared/config';

/**
 * What `npm start` reads from the environment. The children get the same environment (so DATABASE_URL,
 * NATS_URL and friends reach every service unchanged) plus the ports this launcher hands out.
 */
export class StartConfig extends DatabaseServiceConfig {
  @RedisUrlSetting()
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IntSetting(1, 65_535)
  GATEWAY_PORT = 3000;

  /** Service n (in ServiceNames order, gateway excluded) serves its health probes on HEALTH_PORT_BASE + n. */
  @IntSetting(1, 65_500)
  HEALTH_PORT_BASE = 3101;

  /** How long every service together may take to answer its health subject after being spawned. */
  @IntSetting(1000, 600_000)
  START_TIMEOUT_MS = 60_000;

  /** How long a service may take to drain after SIGTERM before it gets SIGKILL. */
  @IntSetting(100, 120_000)
  STOP_GRACE_MS = 10_000;

  /**
   * Once the platform is up, a service that dies on its own is started again, up to this many times a
   * minute per process (a crash loop beyond it stops the platform). 0: the first crash stops the platform.
   */
  @IntSetting(0, 100)
  RESTART_LIMIT = 5;

  /** A person at a terminal reads these logs, so pretty unless LOG_FORMAT says otherwise. */
  @IsIn(['json', 'pretty'])
  override LOG_FORMAT: 'json' | 'pretty' = 'pretty';
}
