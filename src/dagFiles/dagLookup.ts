// One lookup of the DAGs the files on screen define: the tree's list where it is fresh, one findDags for the rest, their newest runs and the import errors.
import type * as vscode from 'vscode';
import type { AirflowClient, Dag, DagRun, ImportError } from '../airflow';
import type { RefreshCounts } from './refreshCounts';
import type { Snapshot } from './snapshot';

/** The explorer's DAG list as the DAG files reuse it (ExplorerApi.cachedDagList). */
export interface DagListCache {
  readonly dags: readonly Dag[];
  readonly latest: ReadonlyMap<string, DagRun>;
  readonly importErrors: ImportError[];
  /** When its first page came back (Date.now()). */
  readonly loadedAt: number;
  readonly profileId: string;
}

/**
 * Fills `snap` with what the server says of `ids`. `cache` answers when it is this connection's and
 * younger than `freshMs`; `previous` import errors stand when they cannot be read.
 */
export async function lookUpDags(
  client: AirflowClient,
  ids: string[],
  snap: Snapshot,
  cache: DagListCache | undefined,
  freshMs: number,
  previous: ImportError[] | undefined,
  log: vscode.LogOutputChannel,
  counts: RefreshCounts,
): Promise<void> {
  // The tree's list, when it is this connection's and fresh, answers without a request.
  const fresh =
    cache && cache.profileId === snap.profileId && Date.now() - cache.loadedAt < freshMs ? cache : undefined;
  const fromCache = new Set<string>();
  for (const id of ids) {
    const dag = fresh?.dags.find((d) => d.dagId === id);
    if (dag) {
      snap.dags.set(id, dag);
      fromCache.add(id);
      const run = fresh?.latest.get(id);
      if (run) snap.latest.set(id, run);
    }
  }
  const rest = ids.filter((id) => !fromCache.has(id));
  const [lookup, importErrors] = await Promise.all([
    rest.length ? (counts.lookups++, client.findDags(rest)) : undefined,
    fresh
      ? fresh.importErrors
      : client.listImportErrors().catch((err: unknown) => {
          log.warn(`DAG files: could not read import errors: ${String(err)}`);
          return previous ?? [];
        }),
  ]);
  snap.importErrors = importErrors;
  for (const [id, dag] of lookup?.found ?? []) snap.dags.set(id, dag);
  for (const id of lookup?.missing ?? []) snap.missing.add(id);
  for (const id of lookup?.unsettled ?? []) snap.unsettled.add(id);
  // The newest run of each DAG found outside the tree's cache, in one request.
  const needRuns = [...snap.dags.keys()].filter((id) => !fromCache.has(id));
  if (needRuns.length) {
    const page = await client.listRunsOfDags(needRuns, { limit: 100 });
    for (const run of page.items) if (!snap.latest.has(run.dagId)) snap.latest.set(run.dagId, run);
  }
}
