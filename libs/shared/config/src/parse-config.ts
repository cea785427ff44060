import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '@shipyard/contracts';

/** Thrown at start when the environment is wrong; its message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses the environment once, at start, into a typed config object. Nothing else in a service reads
 * `process.env`. Empty strings count as unset so that `FOO=` falls back to the default.
 */
export function parseConfig<T extends object>(
  schema: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(schema, present, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config, { whitelist: false, validationError: { target: false, value: false } });
  if (errors.length > 0) {
    const lines = flattenValidationErrors(errors).map((e) => `  ${e.path}: ${e.messages.join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
