/**
 * Test helpers of the agent runtime, a separate entry so production code never imports them. Specs import
 * `libs/shared/agent-runtime/src/testing` by path (there is no alias for it in tsconfig.base.json).
 */
export * from './agent-runtime.harness';
export * from './agent-test.config';
export * from './counting.chat-model';
export * from './make-agent-job';
export * from './role-round-trip';
export * from './model-test.handler';
