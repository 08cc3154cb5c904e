// Every REST path of both API generations (`api/v1/…` for 2.x, `api/v2/…` for 3.x: the same shape after
// the prefix, but for health and what each alone has), and the words a message names each resource with.
// (Airflow 3.x's `auth/token` is outside the API: connect.ts, which activation loads, asks it.)
import { seg } from './baseUrl';
import type { TaskInstanceRef } from './model';
import type { LogRequest } from './operations';
import type { Query } from './requestPolicy';

/** The paths both generations have, under their own prefix. */
export interface Paths {
  version: string;
  health: string;
  dags: string;
  runsOfDags: string;
  /** The task instances of any runs of any DAGs, filtered in the body. */
  taskInstancesOfRuns: string;
  importErrors: string;
  dag(dagId: string): string;
  dagDetails(dagId: string): string;
  tasks(dagId: string): string;
  runs(dagId: string): string;
  clearTaskInstances(dagId: string): string;
  run(dagId: string, runId: string): string;
  clearRun(dagId: string, runId: string): string;
  taskInstances(dagId: string, runId: string): string;
  /** One task instance; one expansion of a mapped task when the ref has a map index. */
  taskInstance(ref: TaskInstanceRef): string;
  tries(ref: TaskInstanceRef): string;
  /** The map index goes in the query (logQuery), not the path. */
  log(ref: TaskInstanceRef, tryNumber: number): string;
  /** By file token (v1) or DAG id (v2). */
  dagSource(key: string): string;
}

function paths(prefix: string, health: string): Paths {
  const dag = (dagId: string) => `${prefix}/dags/${seg(dagId)}`;
  const run = (dagId: string, runId: string) => `${dag(dagId)}/dagRuns/${seg(runId)}`;
  const task = (ref: TaskInstanceRef) => `${run(ref.dagId, ref.runId)}/taskInstances/${seg(ref.taskId)}`;
  const taskInstance = (ref: TaskInstanceRef) =>
    ref.mapIndex !== undefined && ref.mapIndex >= 0 ? `${task(ref)}/${ref.mapIndex}` : task(ref);
  return {
    version: `${prefix}/version`,
    health: `${prefix}/${health}`,
    dags: `${prefix}/dags`,
    runsOfDags: `${prefix}/dags/~/dagRuns/list`,
    taskInstancesOfRuns: `${prefix}/dags/~/dagRuns/~/taskInstances/list`,
    importErrors: `${prefix}/importErrors`,
    dag,
    dagDetails: (dagId) => `${dag(dagId)}/details`,
    tasks: (dagId) => `${dag(dagId)}/tasks`,
    runs: (dagId) => `${dag(dagId)}/dagRuns`,
    clearTaskInstances: (dagId) => `${dag(dagId)}/clearTaskInstances`,
    run,
    clearRun: (dagId, runId) => `${run(dagId, runId)}/clear`,
    taskInstances: (dagId, runId) => `${run(dagId, runId)}/taskInstances`,
    taskInstance,
    tries: (ref) => `${taskInstance(ref)}/tries`,
    log: (ref, tryNumber) => `${task(ref)}/logs/${tryNumber}`,
    dagSource: (key) => `${prefix}/dagSources/${seg(key)}`,
  };
}

const v1 = paths('api/v1', 'health');
export const V1_PATHS = {
  ...v1,
  /** Sets the state of a task with its relatives (no map index). */
  updateTaskInstancesState: (dagId: string) => `${v1.dag(dagId)}/updateTaskInstancesState`,
};

const v2 = paths('api/v2', 'monitor/health');
export const V2_PATHS = {
  ...v2,
  /** What a state change of a task instance would change, changing nothing. */
  taskInstanceDryRun: (ref: TaskInstanceRef) => `${v2.taskInstance(ref)}/dry_run`,
};

/** What a "not found" message calls each resource. */
export const label = {
  dag: (dagId: string) => `DAG "${dagId}"`,
  run: (dagId: string, runId: string) => `run "${runId}" of DAG "${dagId}"`,
  task: (ref: TaskInstanceRef) => `task "${ref.taskId}" in run "${ref.runId}"`,
  expansion: (ref: TaskInstanceRef) => `task "${ref.taskId}" [${ref.mapIndex}] in run "${ref.runId}"`,
  log: (ref: TaskInstanceRef, tryNumber: number) => `log of try ${tryNumber} of ${label.task(ref)}`,
  source: (dagId: string) => `source of DAG "${dagId}"`,
};

/** The query of a log read, the same in both generations. */
export function logQuery(ref: TaskInstanceRef, req: LogRequest): Query {
  return {
    map_index: ref.mapIndex ?? -1,
    token: req.token ?? undefined,
    full_content: req.fullContent ? true : undefined,
  };
}
