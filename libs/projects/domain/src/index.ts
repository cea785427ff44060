export * from './api-key';
export * from './deep-merge';
export * from './dependency-graph';
export * from './merge-run-config';
export * from './page';
export * from './project-rules';
export * from './run-transitions';
export * from './task-transitions';
