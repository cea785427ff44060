/**
 * Real: PostgreSQL (a clone of the migrated template, whose checkpoint tables the stock saver also reads).
 * Faked: nothing. The write-behind saver must be indistinguishable from the stock PostgresSaver for what
 * LangGraph reads back, whether the tuple comes from its memory or from the tables, and must never answer
 * from memory after a unit that did not commit.
 */
import { randomUUID } from 'node:crypto';
import { Annotation, Command, END, interrupt, START, StateGraph } from '@langchain/langgraph';
import type { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import { createTestDatabase, type TestDatabase } from '@shipyard/shared/testing';
import { createPostgresSaver } from '../graph/testing/postgres-saver';
import { PgDatabase } from './pg-database';
import { WriteBehindSaver } from './write-behind.saver';

const State = Annotation.Root({
  answers: Annotation<string[]>({ reducer: (a, b) => [...a, ...b], default: () => [] }),
  rounds: Annotation<number>({ reducer: (_, b) => b, default: () => 0 }),
});

/** Two nodes in a loop; `ask` waits for an answer three times, like a node waiting for agent results. */
function buildGraph(saver: WriteBehindSaver) {
  return new StateGraph(State)
    .addNode('ask', (state) => {
      const answer = interrupt<{ round: number }, string>({ round: state.rounds });
      return { answers: [answer] };
    })
    .addNode('count', (state) => ({ rounds: state.rounds + 1 }))
    .addEdge(START, 'ask')
    .addEdge('ask', 'count')
    .addConditionalEdges('count', (state) => (state.rounds < 3 ? 'ask' : END))
    .compile({ checkpointer: saver });
}

const configOf = (threadId: string) => ({
  configurable: { thread_id: threadId },
  durability: 'sync' as const,
});

describe('WriteBehindSaver', () => {
  let testDb: TestDatabase;
  let db: PgDatabase;
  let saver: WriteBehindSaver;
  let stock: PostgresSaver;
  const onHookError = (error: unknown) => {
    throw error;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = new PgDatabase(testDb.url, 4, () => undefined);
    saver = new WriteBehindSaver(db);
    stock = createPostgresSaver(testDb.url);
  });

  afterAll(async () => {
    await stock.end();
    await db.end();
    await testDb.drop();
  });

  /** What LangGraph would load: from the saver inside a unit (its memory when warm) and from the tables. */
  async function bothViews(threadId: string) {
    const cached = await db.unit(() => saver.getTuple(configOf(threadId)), onHookError);
    const stored = await stock.getTuple(configOf(threadId));
    return { cached, stored };
  }

  /** A step that resumes the thread with `answer`, then fails before its unit commits. */
  async function failedStep(graph: ReturnType<typeof buildGraph>, threadId: string, answer: string) {
    await expect(
      db.unit(async () => {
        await graph.invoke(new Command({ resume: answer }), configOf(threadId));
        throw new Error('crash before commit');
      }, onHookError),
    ).rejects.toThrow('crash before commit');
  }

  it('answers from memory exactly what the tables hold, step after step', async () => {
    const graph = buildGraph(saver);
    const threadId = randomUUID();
    await db.unit(() => graph.invoke({}, configOf(threadId)), onHookError);
    for (const answer of ['a', 'b', 'c']) {
      const { cached, stored } = await bothViews(threadId);
      expect(saver.cachedThreads()).toBeGreaterThan(0);
      expect(stored).toBeDefined();
      expect(cached).toEqual(stored);
      await db.unit(() => graph.invoke(new Command({ resume: answer }), configOf(threadId)), onHookError);
    }
    const { cached, stored } = await bothViews(threadId);
    expect(cached).toEqual(stored);
    expect(stored?.checkpoint.channel_values).toMatchObject({ answers: ['a', 'b', 'c'], rounds: 3 });
    // And LangGraph's own view through the saver agrees: the run finished.
    const state = await graph.getState(configOf(threadId));
    expect(state.next).toEqual([]);
    expect(state.values).toEqual({ answers: ['a', 'b', 'c'], rounds: 3 });
  });

  it('forgets a thread whose unit rolled back, and the next read comes from the tables', async () => {
    const graph = buildGraph(saver);
    const threadId = randomUUID();
    await db.unit(() => graph.invoke({}, configOf(threadId)), onHookError);
    await bothViews(threadId); // warm
    const before = await stock.getTuple(configOf(threadId));
    await failedStep(graph, threadId, 'lost');
    const { cached, stored } = await bothViews(threadId);
    expect(stored).toEqual(before);
    expect(cached).toEqual(stored);
    expect(stored?.checkpoint.channel_values).not.toMatchObject({ answers: ['lost'] });
    // The run goes on from where the tables say it is.
    await db.unit(() => graph.invoke(new Command({ resume: 'kept' }), configOf(threadId)), onHookError);
    expect((await graph.getState(configOf(threadId))).values).toMatchObject({ answers: ['kept'] });
  });

  it('drops an entry PostgreSQL contradicts (another writer moved the head) and reloads it', async () => {
    const graph = buildGraph(saver);
    const threadId = randomUUID();
    await db.unit(() => graph.invoke({}, configOf(threadId)), onHookError);
    await bothViews(threadId);
    const ours = (await stock.getTuple(configOf(threadId)))?.config.configurable?.['checkpoint_id'] as string;
    expect(saver.expectHead(threadId, ours)).toBe(true);
    // Another process (the stock saver on its own pool) advances the thread behind this one's back.
    const other = new StateGraph(State)
      .addNode('ask', (state) => ({
        answers: [interrupt<{ round: number }, string>({ round: state.rounds })],
      }))
      .addNode('count', (state) => ({ rounds: state.rounds + 1 }))
      .addEdge(START, 'ask')
      .addEdge('ask', 'count')
      .addConditionalEdges('count', (state) => (state.rounds < 3 ? 'ask' : END))
      .compile({ checkpointer: stock });
    await other.invoke(new Command({ resume: 'elsewhere' }), configOf(threadId));
    const head = (await stock.getTuple(configOf(threadId)))?.config.configurable?.['checkpoint_id'] as string;
    expect(saver.expectHead(threadId, head)).toBe(false);
    const { cached, stored } = await bothViews(threadId);
    expect(cached).toEqual(stored);
    expect(cached?.checkpoint.channel_values).toMatchObject({ answers: ['elsewhere'] });
  });

  it('does not put back an entry forgotten while a unit was under way', async () => {
    const graph = buildGraph(saver);
    const threadId = randomUUID();
    await db.unit(() => graph.invoke({}, configOf(threadId)), onHookError);
    await bothViews(threadId);
    const held = saver.cachedThreads();
    await db.unit(async () => {
      await graph.invoke(new Command({ resume: 'x' }), configOf(threadId));
      saver.forget(threadId); // the lease was lost mid-step
    }, onHookError);
    expect(saver.cachedThreads()).toBe(held - 1);
    // Committed all the same (the fence, not the cache, decides that): the tables have it.
    expect((await stock.getTuple(configOf(threadId)))?.checkpoint.channel_values).toMatchObject({
      answers: ['x'],
    });
    // With no unit under way, nothing is kept for the forgotten thread.
    expect(saver.trackedThreads()).toBe(0);
  });

  it('keeps nothing for threads it forgot once their units are over', async () => {
    const graph = buildGraph(saver);
    const threads = Array.from({ length: 5 }, () => randomUUID());
    for (const threadId of threads) {
      await db.unit(() => graph.invoke({}, configOf(threadId)), onHookError);
      saver.forget(threadId); // between units, as when a lease is handed back
    }
    await failedStep(graph, threads[0] as string, 'y');
    expect(saver.trackedThreads()).toBe(0);
    // And a forgotten thread still reads back what the tables hold.
    const { cached, stored } = await bothViews(threads[1] as string);
    expect(cached?.checkpoint.id).toBe(stored?.checkpoint.id);
  });

  it('writes straight through outside a unit, readable by the stock saver', async () => {
    const graph = buildGraph(saver);
    const threadId = randomUUID();
    await graph.invoke({}, configOf(threadId));
    await graph.invoke(new Command({ resume: 'direct' }), configOf(threadId));
    const stored = await stock.getTuple(configOf(threadId));
    expect(stored?.checkpoint.channel_values).toMatchObject({ answers: ['direct'], rounds: 1 });
    expect(await saver.getTuple(configOf(threadId))).toEqual(stored);
    const history = [];
    for await (const tuple of saver.list(configOf(threadId))) history.push(tuple.checkpoint.id);
    const stockHistory = [];
    for await (const tuple of stock.list(configOf(threadId))) stockHistory.push(tuple.checkpoint.id);
    expect(history).toEqual(stockHistory);
  });

  it('deleteThread removes the rows and the entry', async () => {
    const graph = buildGraph(saver);
    const threadId = randomUUID();
    await db.unit(() => graph.invoke({}, configOf(threadId)), onHookError);
    await bothViews(threadId);
    await saver.deleteThread(threadId);
    const { cached, stored } = await bothViews(threadId);
    expect(stored).toBeUndefined();
    expect(cached).toBeUndefined();
  });
});
