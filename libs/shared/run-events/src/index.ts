/**
 * A run's event log: appended in PostgreSQL inside the writer's transaction (the source of truth), relayed
 * to a Redis stream per run for live delivery and replay by any gateway replica.
 */
export * from './append-run-event';
export * from './append-run-events';
export * from './apply-run-command';
export * from './read-run-events';
export * from './sql-executor';
export * from './pg-executor';
export * from './stream-entry';
export * from './relay-run-events';
export * from './pg-notification-listener';
export * from './run-event-relay';
export * from './read-run-event-stream';
