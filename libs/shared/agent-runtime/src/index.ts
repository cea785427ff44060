/**
 * The agent runtime every agent-* service runs: bootstrapAgent (the Nest service with the job runtime),
 * AgentRuntime (JetStream job loop, idempotent by jobId through a KV result store), the handler port the
 * roles implement, askModel (prompt + structured output), and the shared agent config.
 */
export * from './bootstrap-agent';
export * from './exit-on-startup-failure';
export * from './config/agent-service.config';
export * from './config/parse-agent-config';
export * from './handlers/agent-job.handler';
export * from './handlers/ask-model';
export * from './handlers/model-label';
export * from './handlers/handler.registry';
export * from './results/result-store.port';
export * from './results/result-store.naming';
export * from './results/kv-result.store';
export * from './results/agent-result.builder';
export * from './runtime/agent.runtime';
export * from './runtime/agent-job.processor';
export * from './runtime/agent-id';
export * from './runtime/heartbeat.chat-model';
export * from './runtime/allowance.chat-model';
export * from './runtime/model.factory';
export * from './runtime/result.publisher';
export * from './handlers/comment-text';
export * from './handlers/files-progress.comment';
export * from './handlers/job-input.reader';
export * as AgentRuntimeTesting from './testing';
