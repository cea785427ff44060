import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { GatewayConfig } from '../config.schema';
import { AuthFailureLimiter } from './auth-failure-limiter';

/** The limiter's Redis connection, closed with the app. */
export const AUTH_LIMITER_REDIS = Symbol('AUTH_LIMITER_REDIS');

export function authFailureLimiterProviders(config: GatewayConfig, logger: Logger): Provider[] {
  return [
    {
      provide: AUTH_LIMITER_REDIS,
      useFactory: (): Redis => {
        const redis = new Redis(config.REDIS_URL, {
          // Fail at once while Redis is away (the limiter then lets checks through) instead of queueing
          // every key check behind a reconnect.
          enableOfflineQueue: false,
          maxRetriesPerRequest: 0,
          connectionName: 'gateway-auth-limiter',
        });
        // The limiter reports an outage itself, once; ioredis would otherwise log every reconnect attempt.
        redis.on('error', () => undefined);
        return redis;
      },
    },
    {
      provide: AuthFailureLimiter,
      inject: [AUTH_LIMITER_REDIS],
      useFactory: (redis: Redis) =>
        new AuthFailureLimiter(
          redis,
          {
            maxFailures: config.AUTH_FAILURE_LIMIT,
            windowMs: config.AUTH_FAILURE_WINDOW_MS,
            keyPrefix: config.REDIS_KEY_PREFIX,
          },
          (error) =>
            logger.warn({ err: error }, 'Redis unavailable: failed API key checks are not rate limited'),
        ),
    },
    AuthLimiterRedisCloser,
  ];
}

@Injectable()
export class AuthLimiterRedisCloser implements OnApplicationShutdown {
  constructor(@Inject(AUTH_LIMITER_REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
