export * from './validate-contract';
