import { pino, type Logger } from 'pino';
import { currentContext } from './request-context';

/**
 * Paths whose values never reach a log line. Keys and passwords ride in headers, bodies and URLs; pino
 * replaces them before serialising, so a careless `log.info({ req })` stays safe.
 */
export const REDACTED_PATHS = [
  'authorization',
  'apiKey',
  'password',
  'secret',
  'token',
  '*.authorization',
  '*.apiKey',
  '*.password',
  '*.secret',
  '*.token',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'config.OPENAI_API_KEY',
  'OPENAI_API_KEY',
];

export interface LoggerOptions {
  service: string;
  level?: string;
  format?: 'json' | 'pretty';
}

/** JSON logs with the service name and the current request, run and task ids on every line. */
export function createLogger({ service, level = 'info', format = 'json' }: LoggerOptions): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => ({ ...currentContext() }),
    formatters: { level: (label) => ({ level: label }) },
    ...(format === 'pretty'
      ? { transport: { target: 'pino-pretty', options: { singleLine: true, ignore: 'pid,hostname,service', messageFormat: `[${service}] {msg}` } } }
      : {}),
  });
}

/** Strips credentials from a connection URL before it is logged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[unparseable url]';
  }
}
