export * from './pagination.dto';
export * from './resource';
export * from './tenant-scoped';
export * from './idempotency-key';
export * from './job-id';
