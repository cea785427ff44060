import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IntSetting } from './int-setting';

export const LogLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LogLevels)[number];

/** What every service needs: NATS, logging, and an optional HTTP port for health probes. */
export class BaseServiceConfig {
  @Matches(/^(nats|tls|wss?):\/\/.+/, { message: 'NATS_URL must look like nats://host:port' })
  NATS_URL = 'nats://127.0.0.1:4222';

  /** Prepended to every NATS subject; lets parallel test files share one NATS server without crosstalk. */
  @IsOptional()
  @Matches(/^([a-zA-Z0-9_-]+\.)*$/, { message: 'NATS_SUBJECT_PREFIX must be empty or end with a dot' })
  NATS_SUBJECT_PREFIX = '';

  /** How long a request to another service may take before the caller reports it unavailable. */
  @IntSetting(100, 120_000)
  NATS_REQUEST_TIMEOUT_MS = 5000;

  @IsIn(LogLevels)
  LOG_LEVEL: LogLevel = 'info';

  /** `pretty` for people at a terminal, `json` for machines. */
  @IsIn(['json', 'pretty'])
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  /** Port of the small HTTP server with /health/live and /health/ready; 0 leaves it off. */
  @IntSetting(0, 65_535)
  HEALTH_PORT = 0;

  @IsOptional()
  @IsString()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}

/** Services that own tables add the database. */
export class DatabaseServiceConfig extends BaseServiceConfig {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must look like postgres://user@host:port/db' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/shipyard';

  @IntSetting(1, 200)
  DATABASE_POOL_SIZE = 10;
}
