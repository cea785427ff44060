export * from './domain-error';
export * from './error-code';
export * from './error-reply';
