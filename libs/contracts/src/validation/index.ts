export * from './validate-contract';
export * from './check-input-shape';
