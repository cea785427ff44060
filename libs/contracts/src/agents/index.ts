export * from './agent-job';
export * from './agent-outputs';
export * from './agent-result';
