// Finds DAGs by exact id with `GET /dags?dag_id_pattern=…`, in as few requests as it takes. No `vscode` import.
import { PagingError } from './errors';
import { sharedPart } from './inputChecks';
import type { Dag, Page, PageRequest } from './model';
import { walkPages } from './paging';

export interface FoundDags {
  found: Map<string, Dag>;
  /** Proven absent: every DAG matching a pattern that covers them was read. */
  missing: string[];
  /** Neither found nor proven absent (a server that read `a|b` literally, or a walk stopped at its cap). */
  unsettled: string[];
}

export interface FindOptions {
  /** The server takes `a|b` as "a or b" (v2). */
  idPatternOr: boolean;
  root: string;
  pageSize: number;
  maxItems: number;
}

type ListDags = (idPattern: string | undefined, page: Required<PageRequest>) => Promise<Page<Dag>>;

/**
 * `dag_id_pattern` is a case-insensitive "contains" LIKE on the server (`_` matches any one
 * character; `%` cannot occur in an id), so a pattern may match far more DAGs than were asked for:
 * the exact ids are picked here.
 *
 * Fewest requests: first one page for a pattern covering every id, an `a|b` pattern where the
 * server takes it, else the longest part all ids share. In the common case every match fits in
 * that page and it is the only request. When more DAGs match than a page holds (a deployment whose
 * ids share a prefix), the ids not found yet are looked up the cheaper of two ways, judged by the
 * first page's total: the shared pattern's further pages (stopping once every id is found), or one
 * pattern per id left (an exact id matches itself and few others: one page each). With 308 matches
 * and one id left that is 2 requests instead of 4; with 150 matches and three ids left, 2 instead
 * of 4 the other way. Both stay within the paging caps (`paging.ts`); an id a walk could not settle
 * within them is `unsettled`.
 */
export async function findDags(dagIds: string[], list: ListDags, o: FindOptions): Promise<FoundDags> {
  const ids = [...new Set(dagIds)].sort();
  const found = new Map<string, Dag>();
  if (ids.length === 0) return { found, missing: [], unsettled: [] };
  const read = async (pattern: string, page: Required<PageRequest>) => {
    const answer = await list(pattern || undefined, page);
    for (const dag of answer.items) if (ids.includes(dag.dagId)) found.set(dag.dagId, dag);
    return answer;
  };
  const notFound = () => ids.filter((id) => !found.has(id));
  const orPattern = ids.length > 1 && o.idPatternOr;
  let pattern = ids.length === 1 ? ids[0] : orPattern ? ids.join('|') : sharedPart(ids);
  let first = await read(pattern, { limit: o.pageSize, offset: 0 });
  if (orPattern && first.total === 0) {
    // Nothing matched `a|b`: none of the ids exists, or the server reads `|` literally (Airflow
    // 3.1.8 does; 3.3.2 does not). The part the ids share then asks again.
    pattern = sharedPart(ids);
    first = await read(pattern, { limit: o.pageSize, offset: 0 });
  }
  // A full answer proves absence.
  if (first.items.length >= first.total) return { found, missing: notFound(), unsettled: [] };
  const left = notFound();
  if (left.length === 0) return { found, missing: [], unsettled: [] };
  const pagesLeft = Math.ceil((first.total - first.items.length) / o.pageSize);
  const searches =
    pagesLeft <= left.length
      ? [{ pattern, from: first.items.length, ids: left }]
      : left.map((id) => ({ pattern: id, from: 0, ids: [id] }));
  const unsettled = new Set<string>();
  const search = async (s: { pattern: string; from: number; ids: string[] }) => {
    try {
      await walkPages((p) => read(s.pattern, p), {
        root: o.root,
        pageSize: o.pageSize,
        maxItems: o.maxItems,
        what: `DAGs matching "${s.pattern}"`,
        tooManyAdvice: 'Find the DAG in the Airflow view.',
        from: s.from,
        enough: () => s.ids.every((id) => found.has(id)),
      });
    } catch (err) {
      if (!(err instanceof PagingError && err.reason === 'tooMany')) throw err;
      for (const id of s.ids) if (!found.has(id)) unsettled.add(id);
    }
  };
  // A file defines a handful of DAGs: at most 4 lookups at once.
  const queue = [...searches];
  await Promise.all(
    Array.from({ length: Math.min(4, queue.length) }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) await search(s);
    }),
  );
  return { found, missing: notFound().filter((id) => !unsettled.has(id)), unsettled: [...unsettled] };
}
