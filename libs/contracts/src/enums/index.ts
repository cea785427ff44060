export * from './agent-role';
export * from './comment-type';
export * from './project-status';
export * from './run-status';
export * from './task-status';
