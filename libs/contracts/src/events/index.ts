export * from './run-event';
export * as ListRunEvents from './list-run-events';
export * as StreamRunEvents from './stream-run-events';
