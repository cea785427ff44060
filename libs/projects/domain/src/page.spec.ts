import { pageWindow, toPage } from './page';

describe('page windows', () => {
  it('defaults to skip 0 and limit 20', () => {
    expect(pageWindow({})).toEqual({ skip: 0, limit: 20 });
  });

  it('keeps what the validated query gave', () => {
    expect(pageWindow({ skip: 40, limit: 100 })).toEqual({ skip: 40, limit: 100 });
  });

  it('caps a skip too large for a database offset', () => {
    expect(pageWindow({ skip: 1e20 })).toEqual({ skip: Number.MAX_SAFE_INTEGER, limit: 20 });
  });

  it('answers items with the total and the window', () => {
    expect(toPage(['a'], 7, { skip: 6, limit: 5 })).toEqual({ items: ['a'], total: 7, skip: 6, limit: 5 });
  });
});
