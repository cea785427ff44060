export * as ChangeRunStatus from './change-run-status';
export * as CreateRun from './create-run';
export * as GetRun from './get-run';
export * as ListRuns from './list-runs';
export * from './run.view';
export * from './run-command';
export * as RunControlChanged from './run-control-changed';
export * as RunStatusChanged from './run-status-changed';
