export * from './bootstrap-service';
export * from './contract.pipe';
export * from './health.controller';
export * from './nats-rpc.client';
export * from './prefixed-server-nats';
export * from './request-context.interceptor';
export * from './rpc-error.filter';
