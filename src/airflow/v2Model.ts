// Airflow 3.x (/api/v2): its answers as the model. Its spec marks most fields required.
import { renderStructured } from './logFormat';
import type { Dag, DagRun, RunState, TaskInstance, TaskInstanceRef } from './model';
import type {
  V2Dag,
  V2DagCollection,
  V2DagDetails,
  V2DagRun,
  V2DagRunCollection,
  V2Health,
  V2ImportErrorCollection,
  V2LogResponse,
  V2TaskCollection,
  V2TaskInstance,
  V2TaskInstanceCollection,
  V2TaskInstanceHistory,
  V2TaskInstanceHistoryCollection,
  V2Version,
} from './wire';
import { attemptOf, detailsOf, healthOf, runDatesOf, taskOf, type ModelReader } from './wireModel';

export interface V2Wire {
  version: V2Version;
  health: V2Health;
  dag: V2Dag;
  dags: V2DagCollection;
  details: V2DagDetails;
  tasks: V2TaskCollection;
  run: V2DagRun;
  runs: V2DagRunCollection;
  taskInstances: V2TaskInstanceCollection;
  tries: V2TaskInstanceHistoryCollection;
  refs: V2TaskInstanceCollection;
  log: V2LogResponse;
  importErrors: V2ImportErrorCollection;
}

export const v2Model: ModelReader<V2Wire> = {
  version: (v) => ({ version: v.version, gitVersion: v.git_version, api: 'v2' }),
  // A DAG processor the server does not report is left out (undefined), not null.
  health: (h) => healthOf({ ...h, dag_processor: h.dag_processor ?? undefined }),
  dag,
  dags: (r) => ({ items: r.dags.map(dag), total: r.total_entries }),
  details: (d) => detailsOf(dag(d), d),
  tasks: (r) => r.tasks.map((t) => taskOf(t, t.operator_name ?? null)),
  run,
  runs: (r) => ({ items: r.dag_runs.map(run), total: r.total_entries }),
  taskInstances: (r) => ({ items: r.task_instances.map(ti), total: r.total_entries }),
  tries: (r) => r.task_instances.map(ti),
  refs: (r) => r.task_instances.map(refOf),
  log(r) {
    const lines: string[] = [];
    for (const m of r.content ?? []) lines.push(...renderStructured(m));
    const token = r.continuation_token ?? null;
    return { lines, continuationToken: token, endOfLog: token === null };
  },
  importErrors: (r) => ({
    items: r.import_errors.map((e) => ({
      id: e.import_error_id,
      filename: e.filename,
      stackTrace: e.stack_trace,
      timestamp: e.timestamp,
    })),
    total: r.total_entries,
  }),
};

function dag(d: V2Dag): Dag {
  return {
    dagId: d.dag_id,
    displayName: d.dag_display_name ?? d.dag_id,
    description: d.description ?? null,
    isPaused: d.is_paused,
    isActive: !d.is_stale,
    owners: d.owners ?? [],
    tags: (d.tags ?? []).map((t) => t.name),
    schedule: d.timetable_summary ?? null,
    scheduleDescription: d.timetable_description ?? null,
    nextRun: d.next_dagrun_run_after ?? d.next_dagrun_logical_date ?? null,
    fileToken: null,
    fileLocation: d.relative_fileloc ?? d.fileloc ?? null,
    hasImportErrors: d.has_import_errors,
    lastParsed: d.last_parsed_time ?? null,
  };
}

function run(r: V2DagRun): DagRun {
  return {
    dagId: r.dag_id,
    runId: r.dag_run_id,
    state: r.state as RunState,
    runType: r.run_type,
    conf: (r.conf ?? {}) as Record<string, unknown>,
    note: r.note ?? null,
    logicalDate: r.logical_date ?? null,
    queuedAt: r.queued_at ?? null,
    ...runDatesOf(r),
    triggeredBy: r.triggered_by ?? null,
    dagVersion: dagVersionOf(r),
  };
}

/** The newest DAG version a run used (a run's list grows when the DAG changes while it runs). */
function dagVersionOf(r: V2DagRun): string | null {
  const versions = r.dag_versions ?? [];
  const newest = versions.reduce<(typeof versions)[number] | undefined>(
    (a, v) => (!a || v.version_number > a.version_number ? v : a),
    undefined,
  );
  return newest ? String(newest.id ?? newest.version_number) : null;
}

function ti(t: V2TaskInstance | V2TaskInstanceHistory): TaskInstance {
  return {
    dagId: t.dag_id,
    runId: t.dag_run_id,
    taskId: t.task_id,
    displayName: t.task_display_name ?? t.task_id,
    mapIndex: t.map_index,
    renderedMapIndex: 'rendered_map_index' in t ? (t.rendered_map_index ?? null) : null,
    tryNumber: t.try_number,
    maxTries: t.max_tries,
    ...attemptOf(t),
    note: 'note' in t ? ((t.note as string | null | undefined) ?? null) : null,
    priorityWeight: t.priority_weight ?? null,
  };
}

function refOf(t: V2TaskInstance): TaskInstanceRef {
  return { dagId: t.dag_id, runId: t.dag_run_id, taskId: t.task_id, mapIndex: t.map_index };
}
