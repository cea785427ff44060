export * from './default-run-config';
export * from './run-config.dto';
