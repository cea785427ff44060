import { AsyncLocalStorage } from 'node:async_hooks';

/** What a log line or an outgoing message should know about the work in hand. */
export interface RequestContext {
  requestId?: string;
  tenantId?: string;
  runId?: string;
  taskId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

export function currentContext(): RequestContext {
  return storage.getStore() ?? {};
}
