export * from './validate-contract';
export * from './check-input-shape';
export * from './is-uuid';
export * from './refused-paths';
