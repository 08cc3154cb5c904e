// What a run view reads from the server: the DAG's newest runs, their task instances in one batch
// list, the DAG's structure once; a refresh asks again only about runs that had not ended. No `vscode` import.
import {
  FINAL_RUN_STATES,
  isFinalTaskState,
  type AirflowClient,
  type DagRun,
  type Task,
  type TaskInstance,
} from '../airflow';

export interface RunViewData {
  dagId: string;
  /** Newest first, as the server lists them. */
  runs: DagRun[];
  /** The task instances of `runs`. */
  tis: TaskInstance[];
  /** The DAG's structure (its tasks and their downstream ids). */
  tasks: Task[];
  /** The server has runs older than `runs`. */
  hasOlder: boolean;
}

type Client = Pick<AirflowClient, 'listDagRuns' | 'listTaskInstancesOfRuns' | 'listTasks'>;

/** The newest `count` runs with their task instances and the structure: 3 requests, more only for over 100 task instances. */
export async function loadRunView(client: Client, dagId: string, count: number): Promise<RunViewData> {
  const [page, tasks] = await Promise.all([client.listDagRuns(dagId, {}, { limit: count }), client.listTasks(dagId)]);
  const tis = await client.listTaskInstancesOfRuns(
    dagId,
    page.items.map((r) => r.runId),
  );
  return { dagId, runs: page.items, tis, tasks, hasOlder: page.total > page.items.length };
}

/** Whether a run can still change by itself: not ended, or some task instance of it not final. */
export function isLive(run: DagRun, tis: readonly TaskInstance[]): boolean {
  return !FINAL_RUN_STATES.has(run.state) || tis.some((t) => t.runId === run.runId && !isFinalTaskState(t.state));
}

/**
 * Reads what can have changed since `data`: the newest runs again (one request: new runs, ended
 * runs), and the task instances of only those that are new, were live or were just `changed`. Ended runs keep theirs.
 */
export async function refreshRunView(
  client: Client,
  data: RunViewData,
  count: number,
  /** Runs an action just changed: asked about whether or not they had ended. */
  changed: readonly string[] = [],
): Promise<RunViewData> {
  const page = await client.listDagRuns(data.dagId, {}, { limit: count });
  const before = new Map(data.runs.map((r) => [r.runId, r]));
  const ask = page.items.filter(
    (r) => !before.has(r.runId) || changed.includes(r.runId) || isLive(before.get(r.runId)!, data.tis),
  );
  const fresh = ask.length
    ? await client.listTaskInstancesOfRuns(
        data.dagId,
        ask.map((r) => r.runId),
      )
    : [];
  const asked = new Set(ask.map((r) => r.runId));
  const kept = new Set(page.items.map((r) => r.runId));
  const tis = [...data.tis.filter((t) => kept.has(t.runId) && !asked.has(t.runId)), ...fresh];
  // Runs loaded with "older" stay below the newest page.
  const older = data.runs.filter((r) => !kept.has(r.runId) && data.runs.indexOf(r) >= count);
  const olderTis = data.tis.filter((t) => older.some((r) => r.runId === t.runId));
  return {
    ...data,
    runs: [...page.items, ...older],
    tis: [...tis, ...olderTis],
    hasOlder: data.hasOlder || page.total > page.items.length,
  };
}

/** `count` runs older than those shown, with their task instances: 2 requests, more only for over 100 task instances. */
export async function loadOlderRuns(client: Client, data: RunViewData, count: number): Promise<RunViewData> {
  const page = await client.listDagRuns(data.dagId, {}, { limit: count, offset: data.runs.length });
  const shown = new Set(data.runs.map((r) => r.runId));
  const runs = page.items.filter((r) => !shown.has(r.runId));
  const tis = runs.length
    ? await client.listTaskInstancesOfRuns(
        data.dagId,
        runs.map((r) => r.runId),
      )
    : [];
  return {
    ...data,
    runs: [...data.runs, ...runs],
    tis: [...data.tis, ...tis],
    hasOlder: page.total > data.runs.length + runs.length,
  };
}
