import { DEFAULT_LIMIT, type Page } from '@shipyard/contracts';

export interface PageWindow {
  skip: number;
  limit: number;
}

/**
 * Past this, OFFSET overflows PostgreSQL's bigint and the query fails; no list is that long, so an absurd
 * skip is answered as the empty page it is instead of an internal error.
 */
export const MAX_SKIP = Number.MAX_SAFE_INTEGER;

/** The window a list answers for; the contract already bounded `limit` and made both integers. */
export function pageWindow(query: { skip?: number; limit?: number }): PageWindow {
  return { skip: Math.min(query.skip ?? 0, MAX_SKIP), limit: query.limit ?? DEFAULT_LIMIT };
}

export function toPage<T>(items: T[], total: number, window: PageWindow): Page<T> {
  return { items, total, skip: window.skip, limit: window.limit };
}
