import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { getContextVariable, setContextVariable } from '@langchain/core/context';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { Annotation, Command, getConfig, interrupt, MemorySaver, StateGraph } from '@langchain/langgraph';
import { installLeanRunContext, uninstallLeanRunContext } from './lean-run-context';

/** What a node sees of the async context: the store's kind, its config (as interrupt() finds it), a context variable. */
interface Seen {
  storeKind: string | undefined;
  threadId: unknown;
  contextVariable: unknown;
}

const State = Annotation.Root({ answer: Annotation<string>() });

function graphRecording(seen: Seen[]) {
  return new StateGraph(State)
    .addNode('ask', () => {
      const store = AsyncLocalStorageProviderSingleton.getInstance().getStore() as object | undefined;
      seen.push({
        storeKind: store?.constructor.name,
        threadId: getConfig().configurable?.['thread_id'],
        contextVariable: getContextVariable('tenant'),
      });
      return { answer: interrupt<string, string>('question') };
    })
    .addEdge('__start__', 'ask')
    .compile({ checkpointer: new MemorySaver() });
}

async function askAndAnswer(seen: Seen[], callbacks?: BaseCallbackHandler[]): Promise<unknown> {
  const graph = graphRecording(seen);
  const config = { configurable: { thread_id: 't1' }, ...(callbacks ? { callbacks } : {}) };
  setContextVariable('tenant', 'acme');
  const first = (await graph.invoke({ answer: '' }, config)) as { __interrupt__?: { value: unknown }[] };
  expect(first.__interrupt__?.[0]?.value).toBe('question');
  return graph.invoke(new Command({ resume: 'forty-two' }), config);
}

class CountingHandler extends BaseCallbackHandler {
  name = 'counting';
  starts = 0;
  override handleChainStart(): void {
    this.starts += 1;
  }
}

describe('lean run context', () => {
  afterEach(() => uninstallLeanRunContext());

  it('gives nodes their config and context variables without building a RunTree, and interrupt/resume work', async () => {
    expect(installLeanRunContext({})).toBe(true);
    const seen: Seen[] = [];
    expect(await askAndAnswer(seen)).toEqual({ answer: 'forty-two' });
    expect(seen).toHaveLength(2);
    for (const s of seen) {
      expect(s.storeKind).not.toBe('RunTree');
      expect(s).toMatchObject({ threadId: 't1', contextVariable: 'acme' });
    }
  });

  it('is the stock behaviour, RunTree and all, when a callback handler is configured', async () => {
    installLeanRunContext({});
    const handler = new CountingHandler();
    const seen: Seen[] = [];
    expect(await askAndAnswer(seen, [handler])).toEqual({ answer: 'forty-two' });
    expect(seen.map((s) => s.storeKind)).toEqual(['RunTree', 'RunTree']);
    expect(handler.starts).toBeGreaterThan(0);
  });

  it('stays out of the way when tracing is switched on in the environment', async () => {
    expect(installLeanRunContext({ LANGSMITH_TRACING: 'true' })).toBe(false);
    const seen: Seen[] = [];
    // Tracing is not really on here (the switch was only shown to the installer): the stock tree is there.
    expect(await askAndAnswer(seen)).toEqual({ answer: 'forty-two' });
    expect(seen.map((s) => s.storeKind)).toEqual(['RunTree', 'RunTree']);
  });

  it('installs once and puts the stock function back', () => {
    const current = () => Reflect.get(AsyncLocalStorageProviderSingleton, 'runWithConfig') as unknown;
    const stock = current();
    expect(installLeanRunContext({})).toBe(true);
    const lean = current();
    expect(lean).not.toBe(stock);
    expect(installLeanRunContext({})).toBe(true);
    expect(current()).toBe(lean);
    uninstallLeanRunContext();
    expect(current()).toBe(stock);
  });
});
