export * from './run-event';
export * from './sse-parser';
export * as ListRunEvents from './list-run-events';
export * as StreamRunEvents from './stream-run-events';
