import { DEFAULT_LIMIT, type Page } from '@shipyard/contracts';

export interface PageWindow {
  skip: number;
  limit: number;
}

/** The window a list answers for; the contract already bounded what was given. */
export function pageWindow(query: { skip?: number; limit?: number }): PageWindow {
  return { skip: query.skip ?? 0, limit: query.limit ?? DEFAULT_LIMIT };
}

export function toPage<T>(items: T[], total: number, window: PageWindow): Page<T> {
  return { items, total, skip: window.skip, limit: window.limit };
}
