export * from './base.config';
export * from './parse-config';
