// The explorer's list of DAGs: its pages, the newest run of each DAG, the import errors. No `vscode` import.
import type { AirflowClient, Dag, DagFilter, DagRun, ImportError } from '../../airflow';

/** The server's largest page, used for DAGs and runs alike. */
export const PAGE = 100;

/** Passes an awaited result through a load's generation check (see generation.ts). */
export type Current = <T>(work: Promise<T>) => Promise<T>;

export interface DagListState {
  dags: Dag[];
  total: number;
  latest: Map<string, DagRun>;
  importErrors: ImportError[];
  /** Why the last "Load more" failed, shown under the list until one succeeds. */
  moreError?: string;
  /** When the first page came back (Date.now()), so others can tell whether it is fresh. */
  loadedAt: number;
  /** The profile it was loaded for (set by the tree). */
  profileId?: string;
}

/** The first page of DAGs with their newest runs and the import errors. */
export async function firstDagPage(client: AirflowClient, filter: DagFilter, current: Current): Promise<DagListState> {
  const [page, importErrors] = await current(
    Promise.all([client.listDags(filter, { limit: PAGE }), client.listImportErrors().catch(() => [])]),
  );
  const latest = await current(latestRuns(client, page.items));
  return { dags: page.items, total: page.total, latest, importErrors, loadedAt: Date.now() };
}

/** Appends the next page to `list`; writes nothing unless every request of it is still current. */
export async function appendDagPage(
  client: AirflowClient,
  list: DagListState,
  filter: DagFilter,
  current: Current,
): Promise<void> {
  const page = await current(client.listDags(filter, { limit: PAGE, offset: list.dags.length }));
  const latest = await current(latestRuns(client, page.items));
  list.dags.push(...page.items);
  list.total = page.total;
  for (const [dagId, run] of latest) list.latest.set(dagId, run);
  list.moreError = undefined;
}

/** The newest run of each DAG on the page, in one request (not one per DAG). */
export async function latestRuns(client: AirflowClient, dags: Dag[]): Promise<Map<string, DagRun>> {
  const latest = new Map<string, DagRun>();
  if (dags.length === 0) return latest;
  try {
    const page = await client.listRunsOfDags(
      dags.map((d) => d.dagId),
      { limit: PAGE },
    );
    for (const run of page.items) if (!latest.has(run.dagId)) latest.set(run.dagId, run);
  } catch {
    // Icons fall back to "no status"; the list itself is still useful.
  }
  return latest;
}
