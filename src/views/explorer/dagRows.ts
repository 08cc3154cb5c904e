// Loads the explorer's top level: the import errors, the DAGs of the list's pages, "Load more" and why a list is empty.
import type { ImportError } from '../../airflow';
import type { ExplorerState } from './explorerState';
import { isEmpty, toServerFilter } from './filters';
import type { LoadContext } from './loadContext';
import { nodeIds } from './nodeIds';
import type { Node } from './nodes';
import type { TreePages } from './treePages';

/** The rows of the root: the DAG list's first page is read once, "Load more" appends to it. */
export async function dagListRows(
  { client, profileId, current, keep }: LoadContext,
  pages: TreePages,
  state: Pick<ExplorerState, 'filter' | 'favorites'>,
): Promise<Node[]> {
  const filter = state.filter();
  const favorites = state.favorites();
  const list = await pages.firstDags(client, toServerFilter(filter), profileId, current);
  const { latest, importErrors } = list;
  const page = { items: list.dags, total: list.total };
  let dags = page.items;
  if (filter.favoritesOnly) dags = dags.filter((d) => favorites.has(d.dagId));
  // A server that cannot filter on the last run's state sent every DAG of the page.
  if (filter.lastRunFailed && !client.features.lastRunStateFilter)
    dags = dags.filter((d) => latest.get(d.dagId)?.state === 'failed');
  const out: Node[] = [];
  if (importErrors.length)
    out.push(keep({ kind: 'importErrors', id: nodeIds.importErrors(profileId), errors: importErrors }));
  for (const dag of dags) {
    const node = keep({
      kind: 'dag',
      id: nodeIds.dag(profileId, dag.dagId),
      dag,
      latest: latest.get(dag.dagId),
      favorite: favorites.has(dag.dagId),
    });
    out.push(node);
  }
  if (page.items.length < page.total) {
    out.push(keep({ kind: 'loadMore', id: nodeIds.moreDags(profileId), shown: page.items.length, total: page.total }));
  }
  const moreError = list.moreError;
  if (moreError)
    out.push(
      keep({
        kind: 'message',
        id: nodeIds.error(nodeIds.moreDags(profileId)),
        text: `Could not load more DAGs: ${moreError}`,
        detail: moreError,
        icon: 'error',
      }),
    );
  if (dags.length === 0) {
    const text = isEmpty(filter) ? 'No DAGs in this deployment' : 'No DAG matches the filter';
    out.push(keep({ kind: 'message', id: nodeIds.empty(profileId), text, icon: 'info', retry: 'root' }));
  }
  return out;
}

/** The rows under "Import errors": one per error the list came with. */
export function importErrorRows({ profileId, keep }: LoadContext, errors: ImportError[]): Node[] {
  return errors.map((error) => keep({ kind: 'importError', id: nodeIds.importError(profileId, error.id), error }));
}
