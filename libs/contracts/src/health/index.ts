export * as HealthCheck from './health-check';
