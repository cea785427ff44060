export * as ListFiles from './list-files';
export * as PutFiles from './put-files';
export * from './workspace-file';
export * from './workspace-path';
