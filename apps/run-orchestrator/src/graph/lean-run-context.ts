import { AsyncLocalStorageProviderSingleton, _CONTEXT_VARIABLES_KEY } from '@langchain/core/singletons';

/** Where @langchain/core keeps a runnable's config in the async context (read by `interrupt()`, `getConfig()`). */
const CHILD_CONFIG = Symbol.for('lc:child_config');

/** Environment switches under which @langchain/core adds a tracer or a console handler by itself. */
const TRACING_SWITCHES = [
  'LANGSMITH_TRACING',
  'LANGSMITH_TRACING_V2',
  'LANGCHAIN_TRACING',
  'LANGCHAIN_TRACING_V2',
  'LANGCHAIN_VERBOSE',
];

type RunWithConfig = <T>(config: RunnableLike | undefined, callback: () => T, avoidRootRunTree?: boolean) => T;

interface RunnableLike {
  callbacks?: unknown;
}

interface AsyncContext {
  getStore(): Record<PropertyKey, unknown> | undefined;
  run<T>(store: unknown, callback: () => T): T;
}

interface ContextProvider {
  runWithConfig: RunWithConfig;
  getInstance(): AsyncContext;
}

let stockRunWithConfig: RunWithConfig | null = null;

/** True if the config carries callback handlers (a tracer among them would want the stock run tree). */
function hasHandlers(callbacks: unknown): boolean {
  if (callbacks === undefined || callbacks === null) return false;
  if (Array.isArray(callbacks)) return callbacks.length > 0;
  const handlers = (callbacks as { handlers?: unknown[] }).handlers;
  return !Array.isArray(handlers) || handlers.length > 0;
}

/**
 * Every node, writer and router LangGraph runs goes through @langchain/core's `runWithConfig`, which puts the
 * config into the async context inside a new LangSmith `RunTree`, even with tracing off (`tracingEnabled:
 * false`): a UUIDv7 from the system's random source, timestamps, environment reads and ~30 property
 * definitions, four to eight times per step. The profile of an idle run step put it at 0.3 ms of the
 * orchestrator's ~4 ms; nothing reads that tree but `getRunnableConfig()`, which wants only its `extra`.
 *
 * With no tracing configured (no tracing switch in the environment, no callback handler on the config) this
 * stores just what is read, `{ extra: { [lc:child_config]: config } }`, plus the context variables the stock
 * code carries over; anything else (a tracer, a handler, a tracing switch) takes the stock path unchanged.
 * Installed once per process, before the first graph runs; returns whether the lean path is in place.
 */
export function installLeanRunContext(env: NodeJS.ProcessEnv = process.env): boolean {
  if (stockRunWithConfig) return true;
  if (TRACING_SWITCHES.some((name) => env[name] === 'true')) return false;
  const provider = AsyncLocalStorageProviderSingleton as unknown as ContextProvider;
  const stock = provider.runWithConfig;
  stockRunWithConfig = stock;
  function leanRunWithConfig(
    this: ContextProvider,
    config: RunnableLike | undefined,
    callback: () => unknown,
    avoidRootRunTree?: boolean,
  ): unknown {
    if (hasHandlers(config?.callbacks)) return stock.call(this, config, callback, avoidRootRunTree);
    const storage = this.getInstance();
    const previous = storage.getStore();
    let store: Record<PropertyKey, unknown> | undefined = avoidRootRunTree
      ? undefined
      : { extra: { [CHILD_CONFIG]: config } };
    if (previous !== undefined && previous[_CONTEXT_VARIABLES_KEY] !== undefined) {
      store ??= {};
      store[_CONTEXT_VARIABLES_KEY] = previous[_CONTEXT_VARIABLES_KEY];
    }
    return storage.run(store, callback);
  }
  provider.runWithConfig = leanRunWithConfig as RunWithConfig;
  return true;
}

/** Puts the stock `runWithConfig` back (specs). */
export function uninstallLeanRunContext(): void {
  if (!stockRunWithConfig) return;
  (AsyncLocalStorageProviderSingleton as unknown as ContextProvider).runWithConfig = stockRunWithConfig;
  stockRunWithConfig = null;
}
