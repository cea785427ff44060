import 'reflect-metadata';
import { ConfigError, parseConfig } from '@shipyard/shared/config';
import { LlmConfig, PriceTable } from '@shipyard/shared/llm';
import { bootstrapService } from '@shipyard/shared/messaging';
import { createLogger, startTelemetry } from '@shipyard/shared/observability';
import { RunOrchestratorConfig } from './config.schema';
import { Orchestrator } from './driver/orchestrator';
import { createOrchestratorModule } from './orchestrator.module';

const service = 'run-orchestrator';
try {
  const config = parseConfig(RunOrchestratorConfig);
  // Prices are the LLM layer's settings (PRICE_TABLE_JSON, OFFLINE_MODEL_PRICE_PER_MTOK...), so the ledger
  // prices usage exactly as the agents' own accounting does.
  const prices = PriceTable.fromConfig(parseConfig(LlmConfig));
  startTelemetry(service, config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const logger = createLogger({ service, level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const orchestrator = await Orchestrator.start({ config, prices, logger });
  logger.info({ owner: orchestrator.owner }, 'orchestrator driving runs');
  await bootstrapService({ service, module: createOrchestratorModule(orchestrator), config });
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
