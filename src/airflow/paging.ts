// Airflow's paging: a page request within the server's cap, and walking all pages of a listing, with
// an end even when a server's paging is broken.
import { PagingError } from './errors';
import type { Page, PageRequest } from './model';

/** Airflow's own default `[api] maximum_page_limit`. */
export const SERVER_PAGE_CAP = 100;
/** Most items an "all pages" walk collects by default. */
export const MAX_LIST_ITEMS = 50_000;

export type PageFetch<T> = (p: Required<PageRequest>) => Promise<Page<T>>;

/** A page request within the server's cap; `pageSize` where it names no limit. */
export function pageWithin(p: PageRequest, pageSize: number): Required<PageRequest> {
  const limit = Math.max(1, Math.min(p.limit ?? pageSize, SERVER_PAGE_CAP));
  return { limit, offset: Math.max(0, p.offset ?? 0) };
}

/** Pages of one item each would otherwise allow `maxItems` requests. */
const MAX_PAGES = 1_000;

export interface Walk {
  root: string;
  pageSize: number;
  /** Most items collected; past it the walk fails rather than growing without bound. */
  maxItems: number;
  /** What is listed, for messages: "DAGs", "import errors". */
  what: string;
  /** What to do when there are more than `maxItems`. */
  tooManyAdvice: string;
  /** Where to start (a walk that goes on from a page read before); 0 by default. */
  from?: number;
  /** Asked after each page: true ends the walk early (the caller found what it looks for). */
  enough?: () => boolean;
}

/**
 * Collects pages until `total` is reached, a page comes back empty or `enough()` says so. Fails with a PagingError when
 * a page repeats the previous one (the server ignores `offset`) or the items or pages pass their cap.
 */
export async function walkPages<T>(fetchPage: PageFetch<T>, walk: Walk): Promise<T[]> {
  const items: T[] = [];
  let offset = walk.from ?? 0;
  let previous: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await fetchPage({ limit: walk.pageSize, offset });
    if (page.items.length === 0) return items;
    const key = edges(page.items);
    if (key === previous) {
      throw new PagingError(
        `${walk.root} answered the ${walk.what} at offset ${offset} with the same page as before: it ignores "offset", so the list would never end. ` +
          `Stopped after ${pages} requests. Check that no proxy drops the query string, or ask the Airflow admin.`,
        'repeated',
      );
    }
    previous = key;
    items.push(...page.items);
    offset += page.items.length;
    if (offset >= page.total || walk.enough?.()) return items;
    if (items.length >= walk.maxItems || pages >= MAX_PAGES) {
      throw new PagingError(
        `${walk.root} lists ${page.total} ${walk.what}; reading stopped at ${items.length} (${pages} requests), the most read at once. ${walk.tooManyAdvice}`,
        'tooMany',
      );
    }
  }
}

/** A page's first and last item: two pages of distinct items never share both. */
function edges(items: unknown[]): string {
  return JSON.stringify([items[0], items[items.length - 1]]);
}
