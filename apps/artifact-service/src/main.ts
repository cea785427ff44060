import 'reflect-metadata';
import { ConfigError, parseConfig } from '@shipyard/shared/config';
import { bootstrapService } from '@shipyard/shared/messaging';
import { startTelemetry } from '@shipyard/shared/observability';
import { createArtifactModule } from './artifact.module';
import { ArtifactServiceConfig } from './config.schema';

const service = 'artifact-service';
try {
  const config = parseConfig(ArtifactServiceConfig);
  startTelemetry(service, config.OTEL_EXPORTER_OTLP_ENDPOINT);
  await bootstrapService({ service, module: createArtifactModule(config), config });
} catch (error) {
  // A config error names every bad variable and its stack would only bury that list; anything else keeps
  // its stack because it is unexpected.
  const detail =
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`${service} failed to start: ${detail}\n`);
  process.exit(1);
}
