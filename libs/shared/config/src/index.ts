export * from './int-setting';
export * from './base.config';
export * from './parse-config';
