// Container health check without curl (the slim image has none): asks the service's /health/ready.
// The gateway serves it on GATEWAY_PORT; every other service on HEALTH_PORT.
const port = process.env.SERVICE === 'gateway' ? process.env.GATEWAY_PORT || '3000' : process.env.HEALTH_PORT;
if (!port || port === '0') {
  console.error('no health port: set HEALTH_PORT (or GATEWAY_PORT for the gateway)');
  process.exit(1);
}
try {
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`, {
    signal: AbortSignal.timeout(2500),
  });
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`health check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
