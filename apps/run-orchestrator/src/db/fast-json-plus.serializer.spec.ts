import { JsonPlusSerializer } from '@langchain/langgraph-checkpoint';
import { FastJsonPlusSerializer } from './fast-json-plus.serializer';

/** Values a checkpoint holds: plain JSON, and what only the stock reviver brings back. */
const values: [string, unknown][] = [
  ['a plain state', { progress: { tasks: [{ key: 'T1', status: 'DONE', deps: [] }], cycles: 2 }, ok: true }],
  ['nested arrays and nulls', [[1, 2, [3]], null, { a: null }, 'text', 0, false]],
  ['a string that mentions "lc"', { note: 'the key "lc" appears only inside this text', lc_ish: 'lc' }],
  ['a key named lc that is no record', { lc: 7, type: 'plain' }],
  ['undefined fields', { kept: 1, gone: undefined, list: [undefined, 2] }],
  ['a Set, a Map and an Error', { s: new Set([1, 2]), m: new Map([['k', 'v']]), e: new Error('boom') }],
  ['bytes inside an object', { data: new Uint8Array([1, 2, 255]) }],
];

describe('FastJsonPlusSerializer', () => {
  const stock = new JsonPlusSerializer();
  const fast = new FastJsonPlusSerializer();

  it.each(values)('reads %s exactly as the stock serializer does', async (_, value) => {
    const [type, bytes] = await stock.dumpsTyped(value);
    const expected: unknown = await stock.loadsTyped(type, bytes);
    expect(await fast.loadsTyped(type, bytes)).toEqual(expected);
    expect(await fast.loadsTyped(type, new TextDecoder().decode(bytes))).toEqual(expected);
  });

  it('brings back what only the reviver can (undefined, Set, Map, Error)', async () => {
    const [type, bytes] = await fast.dumpsTyped({ gone: undefined, s: new Set([1]), m: new Map([['k', 1]]) });
    const back = (await fast.loadsTyped(type, bytes)) as { gone?: unknown; s: unknown; m: unknown };
    expect('gone' in back).toBe(true);
    expect(back.gone).toBeUndefined();
    expect(back.s).toEqual(new Set([1]));
    expect(back.m).toEqual(new Map([['k', 1]]));
  });

  it('writes what the stock serializer writes', async () => {
    for (const [, value] of values) expect(await fast.dumpsTyped(value)).toEqual(await stock.dumpsTyped(value));
  });
});
