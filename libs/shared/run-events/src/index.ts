/**
 * A run's event log: appended in PostgreSQL inside the writer's transaction (the source of truth), relayed
 * to a Redis stream per run for live delivery and replay by any gateway replica.
 */
export * from './append-run-event';
export * from './read-run-events';
export * from './sql-executor';
