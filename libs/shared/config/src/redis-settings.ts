import { IsOptional, Matches } from 'class-validator';

/** REDIS_URL: where the run event streams are (project-service writes them, the gateway reads them). */
export function RedisUrlSetting(): PropertyDecorator {
  return Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:port' });
}

/** REDIS_KEY_PREFIX: prepended to every Redis key; the services sharing the streams must use the same one. */
export function RedisKeyPrefixSetting(): PropertyDecorator {
  const optional = IsOptional();
  const pattern = Matches(/^[A-Za-z0-9_.:-]{0,64}$/, {
    message: 'REDIS_KEY_PREFIX must be up to 64 of [A-Za-z0-9_.:-]',
  });
  return (target: object, key: string | symbol) => {
    optional(target, key);
    pattern(target, key);
  };
}
