/**
 * Test helpers of the agent runtime: a JetStream harness per spec, the round trip every agent app checks,
 * job factories and a counting model. Exported from the library's entry as `AgentRuntimeTesting` because
 * apps may only import a library through its alias and there is no alias for a testing entry; nothing in
 * here runs on import, and none of it uses a test framework.
 */
export * from './agent-runtime.harness';
export * from './agent-test.config';
export * from './counting.chat-model';
export * from './make-agent-job';
export * from './model-test.handler';
export * from './role-round-trip';
export * from './in-memory-result.store';
