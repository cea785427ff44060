import { ConfigError } from '@shipyard/shared/config';

/**
 * The last stop of a service that could not start: one readable line on stderr (the config error already
 * names every bad variable, so its stack adds nothing) and a non-zero exit. Exiting explicitly matters:
 * a half-started Nest app can hold sockets open and would otherwise leave a process that does nothing.
 */
export function exitOnStartupFailure(service: string, error: unknown): never {
  const detail =
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`${service} failed to start: ${detail}\n`);
  process.exit(1);
}
