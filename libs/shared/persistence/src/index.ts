export * from './assert-schema-current';
export * from './create-data-source';
export * from './database-cli.config';
export * from './database-url';
export * from './ensure-database-exists';
export * from './migrations';
export * from './postgres-errors';
export * from './run-migrations';
