import { deepMerge } from './deep-merge';

describe('deepMerge', () => {
  it('merges objects field by field at every depth', () => {
    const base = { a: { b: 1, c: { d: 2, e: 3 } }, f: 4 };
    expect(deepMerge(base, { a: { c: { e: 30 } } })).toEqual({ a: { b: 1, c: { d: 2, e: 30 } }, f: 4 });
  });

  it('replaces arrays and scalars whole, and lets an object replace a scalar and back', () => {
    expect(deepMerge({ list: [1, 2, 3], n: 1 }, { list: [9], n: 2 })).toEqual({ list: [9], n: 2 });
    expect(deepMerge({ x: 1 }, { x: { y: 2 } })).toEqual({ x: { y: 2 } });
    expect(deepMerge({ x: { y: 2 } }, { x: null })).toEqual({ x: null });
  });

  it('adds keys the base lacks and keeps the base when the patch is undefined', () => {
    expect(deepMerge({ a: 1 }, { b: 2 })).toEqual({ a: 1, b: 2 });
    expect(deepMerge({ a: 1 }, undefined)).toEqual({ a: 1 });
  });

  it('changes neither input and shares no objects with them', () => {
    const base = { a: { b: 1 } };
    const patch = { a: { c: [1] } };
    const merged = deepMerge(base, patch) as { a: { b: number; c: number[] } };
    merged.a.b = 99;
    merged.a.c.push(2);
    expect(base).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { c: [1] } });
  });
});
