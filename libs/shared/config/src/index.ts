export * from './int-setting';
export * from './redis-settings';
export * from './base.config';
export * from './parse-config';
