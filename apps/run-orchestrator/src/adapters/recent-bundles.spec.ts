import type { FileChange } from '@shipyard/contracts';
import { RecentBundles } from './recent-bundles';

const file = (path: string, size: number): FileChange => ({ path, content: 'x'.repeat(size) });

describe('RecentBundles', () => {
  it('returns what was set under the same key only', () => {
    const recent = new RecentBundles();
    const files = [file('a.ts', 3)];
    recent.set('t/r/1', files);
    expect(recent.get('t/r/1')).toBe(files);
    expect(recent.get('t/other/1')).toBeUndefined();
  });

  it('evicts the least recently used beyond its count', () => {
    const recent = new RecentBundles(2);
    recent.set('a', [file('a', 1)]);
    recent.set('b', [file('b', 1)]);
    recent.get('a'); // a is now the most recent
    recent.set('c', [file('c', 1)]);
    expect(recent.get('b')).toBeUndefined();
    expect(recent.get('a')).toBeDefined();
    expect(recent.get('c')).toBeDefined();
  });

  it('evicts beyond its characters and never keeps a bundle larger than the bound', () => {
    const recent = new RecentBundles(100, 10);
    recent.set('a', [file('a', 4)]); // 5 chars
    recent.set('b', [file('b', 4)]); // 10 in all
    recent.set('c', [file('c', 4)]); // 15: a goes
    expect(recent.get('a')).toBeUndefined();
    expect(recent.get('b')).toBeDefined();
    recent.set('huge', [file('h', 20)]);
    expect(recent.get('huge')).toBeUndefined();
    expect(recent.get('c')).toBeDefined();
  });

  it('replacing a key does not count it twice', () => {
    const recent = new RecentBundles(100, 10);
    recent.set('a', [file('a', 4)]);
    recent.set('a', [file('a', 4)]);
    recent.set('b', [file('b', 4)]);
    expect(recent.get('a')).toBeDefined();
    expect(recent.get('b')).toBeDefined();
  });
});
